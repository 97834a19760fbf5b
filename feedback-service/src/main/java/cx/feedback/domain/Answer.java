package cx.feedback.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a customer answered to a survey, as the caller submitted it. The constructor checks what
 * can be checked without the survey; {@link ResponseRecorder} checks the rest against it.
 *
 * @param touchpointReference the order, case or return the answer is about; null when not given
 * @param score empty when the customer dismissed the survey or left the score empty
 * @param channel null when the caller did not give one (reported as a violation)
 * @param respondTime null when the caller did not give one: the time of receipt is used
 */
public record Answer(String customerId, String surveyId, LinkedRecord touchpointReference, OptionalInt score,
    String comment, String followUpAnswer, Channel channel, Instant respondTime) {

  public static final int MAX_TEXT_LENGTH = 4000;

  public Answer {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(surveyId, "surveyId");
    Objects.requireNonNull(score, "score");
    Violations violations = new Violations()
        .checkText("survey_response.comment", comment, MAX_TEXT_LENGTH, false)
        .checkText("survey_response.follow_up_answer", followUpAnswer, MAX_TEXT_LENGTH, false);
    if (channel == null) {
      violations.add("survey_response.channel", "is required");
    }
    violations.throwIfAny();
  }

  /**
   * Whether this is the same answer as a recorded response: score, comment, follow-up answer
   * and channel. The respond time is not compared, so a client may re-stamp a retry.
   */
  public boolean sameAnswerAs(SurveyResponse response) {
    return score.equals(response.score()) && comment.equals(response.comment())
        && followUpAnswer.equals(response.followUpAnswer()) && channel == response.channel();
  }
}
