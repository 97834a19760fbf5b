package cx.feedback.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The feedback part of an agent's customer card, over all of a customer's merged ids.
 *
 * @param trends one per survey type
 * @param lastSurveyTime null if the customer never responded or dismissed a survey
 * @param openComplaints unresolved complaints, oldest first, at most 50
 * @param openFollowUps open cases, oldest first, at most 50
 */
public record CustomerFeedbackSummary(Instant asOf, Map<SurveyType, ScoreTrend> trends, Instant lastSurveyTime,
    long responseCount, List<Complaint> openComplaints, long openComplaintCount, long complaintCount,
    List<FollowUp> openFollowUps, long openFollowUpCount) {

  public CustomerFeedbackSummary {
    trends = Map.copyOf(trends);
    openComplaints = List.copyOf(openComplaints);
    openFollowUps = List.copyOf(openFollowUps);
  }

  /** Which way a customer's scores of one type move: the latest against the one before. */
  public enum Direction { NONE, IMPROVING, STABLE, DECLINING }

  /**
   * A customer's answered scores of one survey type.
   *
   * @param latest the latest answered response in full, or null
   * @param recent up to 10 latest answered scores, oldest first
   */
  public record ScoreTrend(SurveyType surveyType, SurveyResponse latest,
      List<CustomerRecordIndex.ResponseEntry> recent, Direction direction) {

    public ScoreTrend {
      recent = List.copyOf(recent);
    }
  }
}
