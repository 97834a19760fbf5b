package cx.feedback.domain;

import java.time.Instant;
import java.util.Set;

/**
 * The filters of the list methods. In every filter an empty set or a null bound does not
 * narrow, and an empty customer id means every customer.
 */
public final class ListFilters {

  private ListFilters() {
  }

  /** Survey responses, newest first by (respond time, id). */
  public record Responses(String customerId, Set<String> surveyIds, Set<SurveyType> surveyTypes,
      Set<Channel> channels, Set<Touchpoint> touchpoints, Instant startTime, Instant endTime, Set<ScoreBand> bands) {

    public Responses {
      surveyIds = Set.copyOf(surveyIds);
      surveyTypes = Set.copyOf(surveyTypes);
      channels = Set.copyOf(channels);
      touchpoints = Set.copyOf(touchpoints);
      bands = Set.copyOf(bands);
    }
  }

  /**
   * Complaints by (create time, id), newest first unless {@code oldestFirst}.
   *
   * @param overdueAt when set, only unresolved complaints past their resolve-by time at it
   */
  public record Complaints(String customerId, Set<ComplaintState> states, Set<ComplaintSeverity> severities,
      Set<ComplaintCategory> categories, Set<Channel> channels, Instant startTime, Instant endTime,
      Instant overdueAt, boolean oldestFirst) {

    public Complaints {
      states = Set.copyOf(states);
      severities = Set.copyOf(severities);
      categories = Set.copyOf(categories);
      channels = Set.copyOf(channels);
    }
  }

  /** Follow-up cases by (create time, id), newest first unless {@code oldestFirst}. */
  public record FollowUps(String customerId, Set<FollowUpState> states, Set<FollowUpTrigger> triggers,
      Set<Channel> channels, Instant startTime, Instant endTime, boolean oldestFirst) {

    public FollowUps {
      states = Set.copyOf(states);
      triggers = Set.copyOf(triggers);
      channels = Set.copyOf(channels);
    }
  }

  /**
   * Surveys, newest first by (create time, id).
   *
   * @param channel only surveys offered on it; null for any
   * @param activeAt only surveys whose window contains it; null for any
   */
  public record Surveys(Set<SurveyType> types, Set<Touchpoint> touchpoints, Channel channel, Instant activeAt) {

    public Surveys {
      types = Set.copyOf(types);
      touchpoints = Set.copyOf(touchpoints);
    }
  }
}
