package cx.feedback.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * NPS, CSAT and CES over a range of days, with a trend.
 *
 * @param startDate the first day actually used, after defaults
 * @param totals a tally per reported survey type over the whole range
 * @param trend the buckets, oldest first, without gaps; empty without a granularity
 */
public record ScoreSummary(LocalDate startDate, LocalDate endDate, Map<SurveyType, ScoreTally> totals,
    List<Bucket> trend) {

  public ScoreSummary {
    totals = Map.copyOf(totals);
    trend = List.copyOf(trend);
  }

  /** The tallies of the responses given from {@code startDate} to {@code endDate}, both included. */
  public record Bucket(LocalDate startDate, LocalDate endDate, Map<SurveyType, ScoreTally> tallies) {

    public Bucket {
      tallies = Map.copyOf(tallies);
    }
  }
}
