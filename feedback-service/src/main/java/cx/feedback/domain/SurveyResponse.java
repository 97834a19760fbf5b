package cx.feedback.domain;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * One customer's answer to one survey about one touchpoint. The answer never changes once
 * recorded.
 *
 * @param id derived from the natural key (customer, survey, touchpoint reference), see
 *     {@link #idFor}
 * @param touchpointReference null for a relationship survey answered without one
 * @param score empty for a dismissed survey
 * @param band {@link ScoreBand#NONE} without a score
 * @param followUpId the follow-up case this answer opened, or empty
 * @param version increases when a record is linked to the response
 */
public record SurveyResponse(String id, String customerId, String surveyId, SurveyType surveyType,
    Touchpoint touchpoint, LinkedRecord touchpointReference, OptionalInt score, String comment,
    String followUpAnswer, Channel channel, Instant respondTime, ScoreBand band, String followUpId,
    List<LinkedRecord> relatedRecords, long version, Instant createTime) {

  public SurveyResponse {
    relatedRecords = List.copyOf(relatedRecords);
  }

  /** The id of the response for a natural key: the same key always gives the same id. */
  public static String idFor(String customerId, String surveyId, LinkedRecord touchpointReference) {
    return touchpointReference == null
        ? DerivedIds.of("response", customerId, surveyId)
        : DerivedIds.of("response", customerId, surveyId, touchpointReference.kind().name(),
            touchpointReference.id());
  }

  /** The response's resource name. */
  public String name() {
    return "customers/" + customerId + "/responses/" + id;
  }

  /** Whether the answer opened a follow-up case. */
  public boolean hasFollowUp() {
    return !followUpId.isEmpty();
  }
}
