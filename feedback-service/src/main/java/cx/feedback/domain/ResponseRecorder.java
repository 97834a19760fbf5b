package cx.feedback.domain;

import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records survey responses and closes the loop with unhappy customers.
 *
 * <p>A response is stored under an id derived from its natural key (customer, survey,
 * touchpoint reference), so the store's unique {@code _id} lets exactly one of any number of
 * concurrent or repeated submissions create it. What a response implies (today its follow-up
 * case) is written afterwards under ids derived from the response's id, each write ignoring
 * "already there". Every submission of a key, the first or a retry, completes these writes, so
 * a retry after a crash between them repairs what is missing and never doubles anything.
 */
public final class ResponseRecorder {

  /** How far in the future a respond time may lie, for clients whose clocks run ahead. */
  public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

  private final SurveyCatalogue surveys;
  private final ResponseStore store;
  private final FollowUpStore followUps;
  private final Clock clock;

  public ResponseRecorder(SurveyCatalogue surveys, ResponseStore store, FollowUpStore followUps, Clock clock) {
    this.surveys = surveys;
    this.store = store;
    this.followUps = followUps;
    this.clock = clock;
  }

  /**
   * Records an answer, or returns the response already recorded for its natural key when the
   * answer is the same.
   *
   * @throws NotFoundException for an unknown survey
   * @throws cx.runtime.failure.InvalidArgumentException for a score off the survey's scale
   *     ({@code SCORE_OUT_OF_RANGE}), a channel the survey is not offered on
   *     ({@code CHANNEL_NOT_OFFERED}), a missing touchpoint reference
   *     ({@code TOUCHPOINT_REFERENCE_REQUIRED}) and other bad fields
   * @throws FailedPreconditionException {@code SURVEY_NOT_ACTIVE} outside the active window
   * @throws AlreadyExistsException {@code RESPONSE_ALREADY_SUBMITTED} when the key holds a
   *     different answer, with the existing response's name in metadata "response"
   */
  public SubmittedResponse submit(Answer answer) {
    Survey survey = surveys.get(answer.surveyId());
    Instant now = clock.instant();
    Instant respondTime = answer.respondTime() == null ? now : answer.respondTime();
    checkAgainstSurvey(answer, survey, respondTime, now);

    String id = SurveyResponse.idFor(answer.customerId(), survey.id(), answer.touchpointReference());
    Optional<FollowUpTrigger> trigger = answer.score().isPresent()
        ? survey.type().followUpTrigger(answer.score().getAsInt())
        : Optional.empty();
    SurveyResponse candidate = new SurveyResponse(id, answer.customerId(), survey.id(), survey.type(),
        survey.touchpoint(), answer.touchpointReference(), answer.score(), answer.comment(), answer.followUpAnswer(),
        answer.channel(), respondTime,
        answer.score().isPresent() ? survey.type().band(answer.score().getAsInt()) : ScoreBand.NONE,
        trigger.isPresent() ? FollowUp.idFor(id) : "", List.of(), 1, now);

    boolean created = store.insertResponseIfAbsent(candidate);
    // Answered from the store, so that the first call and every retry see exactly the same response.
    SurveyResponse recorded = store.findResponse(id)
        .orElseThrow(() -> new IllegalStateException("a stored response vanished"));
    if (!created && !answer.sameAnswerAs(recorded)) {
      throw new AlreadyExistsException("RESPONSE_ALREADY_SUBMITTED",
          "The customer already answered this survey for this touchpoint with a different answer.",
          Map.of("response", recorded.name()));
    }
    completeDerivedRecords(recorded);
    return new SubmittedResponse(recorded, !created);
  }

  /**
   * Writes what a recorded response implies and is not stored yet. Safe to repeat: every write
   * goes to an id derived from the response.
   */
  private void completeDerivedRecords(SurveyResponse response) {
    if (response.hasFollowUp()) {
      FollowUpTrigger trigger = response.surveyType().followUpTrigger(response.score().getAsInt()).orElseThrow();
      followUps.insertFollowUpIfAbsent(FollowUp.openFor(response, trigger));
    }
  }

  private static void checkAgainstSurvey(Answer answer, Survey survey, Instant respondTime, Instant now) {
    Violations violations = new Violations();
    if (answer.score().isPresent() && !survey.type().accepts(answer.score().getAsInt())) {
      violations.add(Violations.SCORE_OUT_OF_RANGE, "survey_response.score",
          "must be from " + survey.type().minScore() + " to " + survey.type().maxScore() + " for a "
              + survey.type() + " survey");
    }
    if (!survey.offers(answer.channel())) {
      violations.add("CHANNEL_NOT_OFFERED", "survey_response.channel", "is not a channel this survey is offered on");
    }
    if (answer.touchpointReference() == null && survey.touchpoint() != Touchpoint.RELATIONSHIP) {
      violations.add("TOUCHPOINT_REFERENCE_REQUIRED", "survey_response.touchpoint_reference",
          "is required for a survey that follows " + survey.touchpoint());
    }
    if (!survey.hasFollowUpQuestion() && !answer.followUpAnswer().isEmpty()) {
      violations.add("survey_response.follow_up_answer", "must be empty: the survey asks no follow-up question");
    }
    if (respondTime.isAfter(now.plus(CLOCK_SKEW_ALLOWANCE))) {
      violations.add("survey_response.respond_time", "must not lie more than five minutes in the future");
    }
    violations.throwIfAny();
    if (!survey.isActiveAt(respondTime)) {
      throw new FailedPreconditionException("SURVEY_NOT_ACTIVE",
          survey.name() + " does not take responses given at that time.");
    }
  }

  /**
   * The response with this id, if it belongs to the customer.
   *
   * @throws NotFoundException if there is none, or it is another customer's
   */
  public SurveyResponse get(String customerId, String id) {
    return store.findResponse(id).filter(r -> r.customerId().equals(customerId))
        .orElseThrow(() -> new NotFoundException("customers/" + customerId + "/responses/" + id));
  }

  /**
   * The follow-up case with this id, if it belongs to the customer.
   *
   * @throws NotFoundException if there is none, or it is another customer's
   */
  public FollowUp getFollowUp(String customerId, String id) {
    return followUps.findFollowUp(id).filter(f -> f.customerId().equals(customerId))
        .orElseThrow(() -> new NotFoundException("customers/" + customerId + "/followUps/" + id));
  }
}
