package cx.feedback.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A case opened automatically for a detractor NPS or a dissatisfied CSAT answer, so that no
 * unhappy customer is left unanswered.
 *
 * @param id derived from the response's id, see {@link #idFor}: exactly one case per response
 * @param outcome null while open
 * @param complaintId the complaint it was escalated to, or empty
 * @param closedBy null while open
 * @param closeTime null while open
 */
public record FollowUp(String id, String customerId, String responseId, String surveyId, SurveyType surveyType,
    int score, Channel channel, FollowUpTrigger trigger, FollowUpState state, FollowUpOutcome outcome,
    String closeNote, String complaintId, Actor closedBy, Instant closeTime, long version, Instant createTime,
    Instant updateTime) {

  /** The id of the follow-up case of a response. */
  public static String idFor(String responseId) {
    return DerivedIds.of("follow-up", responseId);
  }

  /** The open case for a response whose answer calls for one. */
  public static FollowUp openFor(SurveyResponse response, FollowUpTrigger trigger) {
    return new FollowUp(idFor(response.id()), response.customerId(), response.id(), response.surveyId(),
        response.surveyType(), response.score().orElseThrow(), response.channel(), trigger, FollowUpState.OPEN,
        null, "", "", null, null, 1, response.createTime(), response.createTime());
  }

  /** The case's resource name. */
  public String name() {
    return "customers/" + customerId + "/followUps/" + id;
  }

  /** Time to close: from opening to closing; empty while open. */
  public Optional<Duration> closeDuration() {
    return Optional.ofNullable(closeTime).map(t -> Duration.between(createTime, t));
  }

  /** Whether the case still waits for an agent. */
  public boolean isOpen() {
    return state == FollowUpState.OPEN;
  }

  /** The case closed because the conversation turned into a complaint. */
  public FollowUp escalatedTo(String complaintId, Actor actor, Instant now) {
    return new FollowUp(id, customerId, responseId, surveyId, surveyType, score, channel, trigger,
        FollowUpState.CLOSED, FollowUpOutcome.ESCALATED_TO_COMPLAINT, "", complaintId, actor, now, version + 1,
        createTime, now);
  }

  /** The case closed by an agent with an outcome other than escalation. */
  public FollowUp closedWith(FollowUpOutcome outcome, String note, Actor actor, Instant now) {
    return new FollowUp(id, customerId, responseId, surveyId, surveyType, score, channel, trigger,
        FollowUpState.CLOSED, outcome, note, "", actor, now, version + 1, createTime, now);
  }
}
