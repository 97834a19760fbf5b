package cx.feedback.domain;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which responses a score summary covers. Every set narrows; an empty set does not.
 *
 * @param startDate the first UTC day, inclusive; null for 29 days before the end
 * @param endDate the last UTC day, inclusive; null for today
 */
public record ScoreQuery(Set<SurveyType> surveyTypes, Set<String> surveyIds, Set<Channel> channels,
    Set<Touchpoint> touchpoints, LocalDate startDate, LocalDate endDate, TrendGranularity granularity) {

  public ScoreQuery {
    surveyTypes = Set.copyOf(surveyTypes);
    surveyIds = Set.copyOf(surveyIds);
    channels = Set.copyOf(channels);
    touchpoints = Set.copyOf(touchpoints);
  }

  /** The survey types the summary has a block for. */
  public Set<SurveyType> reportedTypes() {
    return surveyTypes.isEmpty() ? EnumSet.allOf(SurveyType.class) : EnumSet.copyOf(surveyTypes);
  }

  /** Whether responses of this cell are covered. */
  public boolean covers(ScoreCell cell) {
    return reportedTypes().contains(cell.surveyType())
        && (surveyIds.isEmpty() || surveyIds.contains(cell.surveyId()))
        && (channels.isEmpty() || channels.contains(cell.channel()))
        && (touchpoints.isEmpty() || touchpoints.contains(cell.touchpoint()));
  }
}
