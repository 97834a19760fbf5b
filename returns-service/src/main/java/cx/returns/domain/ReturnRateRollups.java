package cx.returns.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Return-rate counters of the orders placed on each UTC day (the cohort), kept current as orders
 * and returns change, so that a rate over any period is read by key instead of computed from
 * orders and returns.
 */
public interface ReturnRateRollups {

  /**
   * Adds the counts of every event not yet counted for this day, each exactly once however
   * often it is given: events are counted atomically together with their ids.
   *
   * @param countsByEvent the counts of each event, by an id that names the event for good
   */
  void count(LocalDate cohortDay, Map<String, List<RateCount>> countsByEvent);

  /** The summed counters of the days in {@code [from, until)}, null dimensions as in {@link RateCount}. */
  List<RateCount> read(LocalDate from, LocalDate until);
}
