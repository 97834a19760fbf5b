package cx.feedback.domain;

import java.time.LocalDate;
import java.util.Map;

/** The tallies of the responses given on one UTC day, per cell. */
public record DayRollup(LocalDate day, Map<ScoreCell, ScoreTally> cells) {

  public DayRollup {
    cells = Map.copyOf(cells);
  }
}
