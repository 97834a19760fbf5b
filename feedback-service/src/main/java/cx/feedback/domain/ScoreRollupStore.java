package cx.feedback.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where the score rollups are kept: per UTC day, a tally for every cell, updated with one atomic
 * increment per response (the computed pattern), so that a summary reads a few documents by key
 * instead of scanning responses.
 */
public interface ScoreRollupStore {

  /** Counts one response, given on {@code day}, in its cell: its score, or a dismissal. */
  void count(LocalDate day, ScoreCell cell, OptionalInt score);

  /** The rollups of these days; days without responses are left out. */
  List<DayRollup> read(Collection<LocalDate> days);
}
