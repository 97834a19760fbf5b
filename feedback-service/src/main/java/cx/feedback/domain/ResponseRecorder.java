package cx.feedback.domain;

import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.BatchItems;
import cx.runtime.failure.DomainFailure;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records survey responses and closes the loop with unhappy customers.
 *
 * <p>A response is stored under an id derived from its natural key (customer, survey,
 * touchpoint reference), so the store's unique {@code _id} lets exactly one of any number of
 * concurrent or repeated submissions create it. What a response implies (today its follow-up
 * case) is written afterwards under ids derived from the response's id, each write ignoring
 * "already there". Every submission of a key, the first or a retry, completes these writes, so
 * a retry after a crash between them repairs what is missing and never doubles anything.
 *
 * <p>The score rollups cannot be written under a derived id: they are counters. A response is
 * therefore stored "not yet counted" with a short counting lease held by the submission that
 * created it; that submission increments the rollup of the response's day and cell and then
 * marks the response counted. A retry counts only a response that is still not counted after the
 * lease ran out (its first submission crashed), taking the lease with a conditional update so
 * that of several concurrent retries exactly one counts. The one window left is a crash after
 * the increment and before the mark: a retry after the lease would count the response a second
 * time, which is the side this design chooses over never counting it.
 */
public final class ResponseRecorder {

  /** How far in the future a respond time may lie, for clients whose clocks run ahead. */
  public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);
  /**
   * How long the submission that stored a response has to count it in the rollups before a
   * retry may take over. Far longer than the two writes take, so that only a crashed submission
   * is taken over.
   */
  public static final Duration COUNTING_LEASE = Duration.ofSeconds(30);
  /** The most answers one batch may hold. */
  public static final int MAX_BATCH = 1_000;

  private final SurveyCatalogue surveys;
  private final ResponseStore store;
  private final FollowUpStore followUps;
  private final ScoreRollupStore rollups;
  private final ReadModels views;
  private final Clock clock;

  public ResponseRecorder(SurveyCatalogue surveys, ResponseStore store, FollowUpStore followUps,
      ScoreRollupStore rollups, ReadModels views, Clock clock) {
    this.views = views;
    this.surveys = surveys;
    this.store = store;
    this.followUps = followUps;
    this.rollups = rollups;
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
    // At the store's precision, so that the response returned first equals every later read.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    SurveyResponse candidate = candidate(answer, surveys.get(answer.surveyId()), now);
    String id = candidate.id();

    boolean created = store.insertResponseIfAbsent(candidate, now.plus(COUNTING_LEASE));
    // A retry is answered from the store, so that it sees exactly the response first recorded.
    SurveyResponse recorded = created ? candidate : store.findResponse(id)
        .orElseThrow(() -> new IllegalStateException("a stored response vanished"));
    if (!created && !answer.sameAnswerAs(recorded)) {
      throw new AlreadyExistsException("RESPONSE_ALREADY_SUBMITTED",
          "The customer already answered this survey for this touchpoint with a different answer.",
          Map.of("response", recorded.name()));
    }
    countInRollups(recorded, created, now);
    completeDerivedRecords(recorded);
    views.responseStored(recorded);
    return new SubmittedResponse(recorded, !created);
  }

  /**
   * Records many answers, each as {@link #submit} would, in a few writes for the whole batch.
   * Every answer is checked, and compared with what its natural key holds, before anything is
   * written; a refused answer fails the batch with its own error, saying which request it was
   * ({@link BatchItems}).
   *
   * @throws cx.runtime.failure.InvalidArgumentException for an empty batch, one of more than
   *     {@value #MAX_BATCH} answers, or two answers with one natural key
   */
  public List<SubmittedResponse> submitAll(List<Answer> answers) {
    if (answers.isEmpty() || answers.size() > MAX_BATCH) {
      throw InvalidArgumentException.of("requests", "must hold 1 to " + MAX_BATCH + " answers");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Map<String, Survey> surveysById = new HashMap<>();
    List<SurveyResponse> candidates = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < answers.size(); i++) {
      Answer answer = answers.get(i);
      try {
        Survey survey = surveysById.computeIfAbsent(answer.surveyId(), surveys::get);
        SurveyResponse candidate = candidate(answer, survey, now);
        if (!keys.add(candidate.id())) {
          throw InvalidArgumentException.of("survey_response.touchpoint_reference",
              "answers the same survey for the same customer and touchpoint as an earlier request of the batch");
        }
        candidates.add(candidate);
      } catch (DomainFailure refused) {
        throw BatchItems.failed(i, refused);
      }
    }
    Map<String, SurveyResponse> stored = new HashMap<>();
    store.findResponses(keys).forEach(r -> stored.put(r.id(), r));
    checkSameAnswers(answers, candidates, stored);

    List<SurveyResponse> fresh = candidates.stream().filter(c -> !stored.containsKey(c.id())).toList();
    Set<String> created = store.insertResponsesIfAbsent(fresh, now.plus(COUNTING_LEASE));
    List<String> raced = fresh.stream().map(SurveyResponse::id).filter(id -> !created.contains(id)).toList();
    if (!raced.isEmpty()) {
      store.findResponses(raced).forEach(r -> stored.put(r.id(), r));
    }
    List<SurveyResponse> recorded = candidates.stream()
        .map(c -> created.contains(c.id()) ? c : stored.get(c.id())).toList();

    // Answers recorded before whose first submission crashed before counting them.
    Set<String> uncounted = store.uncountedWithLeaseEnded(stored.keySet(), now);
    List<SurveyResponse> toCount = new ArrayList<>();
    for (SurveyResponse response : recorded) {
      if (created.contains(response.id()) || uncounted.contains(response.id())
          && store.claimCounting(response.id(), now, now.plus(COUNTING_LEASE))) {
        toCount.add(response);
      }
    }
    rollups.countAll(toCount.stream().map(r -> new ScoreRollupStore.Count(
        r.respondTime().atOffset(ZoneOffset.UTC).toLocalDate(), ScoreCell.of(r), r.score())).toList());
    store.markAllCounted(toCount.stream().map(SurveyResponse::id).toList());

    List<FollowUp> opened = recorded.stream().filter(SurveyResponse::hasFollowUp)
        .map(r -> FollowUp.openFor(r, r.surveyType().followUpTrigger(r.score().getAsInt()).orElseThrow())).toList();
    followUps.insertFollowUpsIfAbsent(opened);
    // Read back: a case closed since must not be reported open again.
    List<FollowUp> cases = opened.isEmpty() ? List.of()
        : followUps.findFollowUps(opened.stream().map(FollowUp::id).toList());
    views.batchStored(recorded, cases);

    // Another call recorded a different answer under a key of this batch meanwhile: the rest
    // of the batch is recorded in full, and the batch reports that answer.
    checkSameAnswers(answers, candidates, stored);
    List<SubmittedResponse> results = new ArrayList<>();
    for (SurveyResponse response : recorded) {
      results.add(new SubmittedResponse(response, !created.contains(response.id())));
    }
    return results;
  }

  private static void checkSameAnswers(List<Answer> answers, List<SurveyResponse> candidates,
      Map<String, SurveyResponse> stored) {
    for (int i = 0; i < candidates.size(); i++) {
      SurveyResponse recorded = stored.get(candidates.get(i).id());
      if (recorded != null && !answers.get(i).sameAnswerAs(recorded)) {
        throw BatchItems.failed(i, new AlreadyExistsException("RESPONSE_ALREADY_SUBMITTED",
            "The customer already answered this survey for this touchpoint with a different answer.",
            Map.of("response", recorded.name())));
      }
    }
  }

  /** The response an answer to {@code survey} makes, checked against the survey. */
  private static SurveyResponse candidate(Answer answer, Survey survey, Instant now) {
    Instant respondTime = answer.respondTime() == null ? now : answer.respondTime().truncatedTo(ChronoUnit.MILLIS);
    checkAgainstSurvey(answer, survey, respondTime, now);
    String id = SurveyResponse.idFor(answer.customerId(), survey.id(), answer.touchpointReference());
    Optional<FollowUpTrigger> trigger = answer.score().isPresent()
        ? survey.type().followUpTrigger(answer.score().getAsInt())
        : Optional.empty();
    return new SurveyResponse(id, answer.customerId(), survey.id(), survey.type(),
        survey.touchpoint(), answer.touchpointReference(), answer.score(), answer.comment(), answer.followUpAnswer(),
        answer.channel(), respondTime,
        answer.score().isPresent() ? survey.type().band(answer.score().getAsInt()) : ScoreBand.NONE,
        trigger.isPresent() ? FollowUp.idFor(id) : "", List.of(), 1, now);
  }

  /**
   * Counts the response in the rollup of its day and cell, unless it is counted already or its
   * counting lease is held by a submission that may still be at it.
   */
  private void countInRollups(SurveyResponse response, boolean created, Instant now) {
    if (created || store.claimCounting(response.id(), now, now.plus(COUNTING_LEASE))) {
      rollups.count(response.respondTime().atOffset(ZoneOffset.UTC).toLocalDate(), ScoreCell.of(response),
          response.score());
      store.markCounted(response.id());
    }
  }

  /**
   * Writes what a recorded response implies and is not stored yet. Safe to repeat: every write
   * goes to an id derived from the response.
   */
  private void completeDerivedRecords(SurveyResponse response) {
    if (response.hasFollowUp()) {
      FollowUpTrigger trigger = response.surveyType().followUpTrigger(response.score().getAsInt()).orElseThrow();
      FollowUp opened = FollowUp.openFor(response, trigger);
      followUps.insertFollowUpIfAbsent(opened);
      // Read back: a case closed since must not be reported open again.
      views.followUpStored(followUps.findFollowUp(opened.id()).orElse(opened));
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

}
