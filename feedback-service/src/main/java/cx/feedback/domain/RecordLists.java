package cx.feedback.domain;

import java.util.List;

/**
 * The paged lists of surveys, responses, complaints and follow-up cases. Each returns up to
 * {@code limit} items after the position; the caller asks for one more than a page to learn
 * whether another page follows.
 */
public final class RecordLists {

  private final SurveyStore surveys;
  private final ResponseStore responses;
  private final ComplaintStore complaints;
  private final FollowUpStore followUps;

  public RecordLists(SurveyStore surveys, ResponseStore responses, ComplaintStore complaints,
      FollowUpStore followUps) {
    this.surveys = surveys;
    this.responses = responses;
    this.complaints = complaints;
    this.followUps = followUps;
  }

  /** Surveys, newest first. */
  public List<Survey> surveys(ListFilters.Surveys filter, PagePosition after, int limit) {
    return surveys.list(filter, after, limit);
  }

  /** Responses, newest first by respond time. */
  public List<SurveyResponse> responses(ListFilters.Responses filter, PagePosition after, int limit) {
    return responses.list(filter, after, limit);
  }

  /** Complaints in the filter's order of filing. */
  public List<Complaint> complaints(ListFilters.Complaints filter, PagePosition after, int limit) {
    return complaints.list(filter, after, limit);
  }

  /** Follow-up cases in the filter's order of opening. */
  public List<FollowUp> followUps(ListFilters.FollowUps filter, PagePosition after, int limit) {
    return followUps.list(filter, after, limit);
  }
}
