package cx.feedback.domain;

import java.util.Map;

/** The tallies of the responses given in one rollup period, per cell. */
public record PeriodRollup(RollupPeriod period, Map<ScoreCell, ScoreTally> cells) {

  public PeriodRollup {
    cells = Map.copyOf(cells);
  }
}
