package cx.feedback.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where the score rollups are kept: per UTC day, week and month, a tally for every cell, updated
 * with atomic increments per response (the computed pattern), so that a summary reads a few
 * documents by key instead of scanning responses, and a year reads months, not days.
 */
public interface ScoreRollupStore {

  /** One response to count: given on {@code day}, in {@code cell}, with its score or dismissed. */
  record Count(LocalDate day, ScoreCell cell, OptionalInt score) {
  }

  /** Counts one response, given on {@code day}, in its cell: its score, or a dismissal. */
  void count(LocalDate day, ScoreCell cell, OptionalInt score);

  /** Counts each response as {@link #count} would. */
  default void countAll(List<Count> counts) {
    counts.forEach(c -> count(c.day(), c.cell(), c.score()));
  }

  /** The rollups of these periods; periods without responses are left out. */
  List<PeriodRollup> read(Collection<RollupPeriod> periods);

  /**
   * The first day from which week and month rollups hold every response: responses counted
   * before weeks and months were kept are only in their days' rollups.
   */
  LocalDate weeksAndMonthsSince();
}
