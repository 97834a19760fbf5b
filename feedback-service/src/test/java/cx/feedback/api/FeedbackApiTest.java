package cx.feedback.api;

import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import cx.common.v1.Channel;
import cx.feedback.v1.AcknowledgeComplaintRequest;
import cx.feedback.v1.CloseComplaintRequest;
import cx.feedback.v1.Complaint;
import cx.feedback.v1.ComplaintCategory;
import cx.feedback.v1.ComplaintSeverity;
import cx.feedback.v1.ComplaintState;
import cx.feedback.v1.CreateSurveyRequest;
import cx.feedback.v1.FeedbackServiceGrpc.FeedbackServiceBlockingStub;
import cx.feedback.v1.FileComplaintRequest;
import cx.feedback.v1.FollowUp;
import cx.feedback.v1.FollowUpOutcome;
import cx.feedback.v1.FollowUpState;
import cx.feedback.v1.FollowUpTrigger;
import cx.feedback.v1.GetComplaintRequest;
import cx.feedback.v1.GetFollowUpRequest;
import cx.feedback.v1.GetResponseRequest;
import cx.feedback.v1.GetScoreSummaryRequest;
import cx.feedback.v1.GetSurveyRequest;
import cx.feedback.v1.LinkedRecord;
import cx.feedback.v1.LinkedRecordKind;
import cx.feedback.v1.ReopenComplaintRequest;
import cx.feedback.v1.ResolveComplaintRequest;
import cx.feedback.v1.ScoreBand;
import cx.feedback.v1.StartComplaintWorkRequest;
import cx.feedback.v1.SubmitResponseRequest;
import cx.feedback.v1.SubmitResponseResponse;
import cx.feedback.v1.Survey;
import cx.feedback.v1.SurveyResponse;
import cx.feedback.v1.SurveyType;
import cx.feedback.v1.Touchpoint;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.TestCallers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drives the real service through the generated stub on an in-process channel, with the store
 * on the embedded MongoDB-wire server (and, in {@link FeedbackApiOnMongoDbTest}, on a real
 * MongoDB).
 */
abstract class FeedbackApiTest {

  static final Timestamp LAST_YEAR = Timestamp.newBuilder()
      .setSeconds(Instant.now().minusSeconds(365L * 24 * 3600).getEpochSecond()).build();

  @Autowired
  FeedbackServiceBlockingStub feedback;

  @Autowired
  CallerTokens tokens;

  @Autowired
  MongoDatabase database;

  // Test data.

  static Survey.Builder survey(SurveyType type) {
    return Survey.newBuilder()
        .setDisplayName("Post-delivery " + type)
        .setType(type)
        .setQuestion("How likely are you to recommend us?")
        .setTouchpoint(Touchpoint.TOUCHPOINT_AFTER_DELIVERY)
        .setStartTime(LAST_YEAR);
  }

  Survey create(Survey.Builder survey) {
    return admin().createSurvey(CreateSurveyRequest.newBuilder().setSurvey(survey)
        .setRequestId(UUID.randomUUID().toString()).build()).getSurvey();
  }

  static String newCustomer() {
    return "customers/c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static LinkedRecord order(String id) {
    return LinkedRecord.newBuilder().setKind(LinkedRecordKind.LINKED_RECORD_KIND_ORDER).setId(id).build();
  }

  static SurveyResponse.Builder answer(Survey survey, int score) {
    return SurveyResponse.newBuilder()
        .setSurvey(survey.getName())
        .setTouchpointReference(order("o-" + UUID.randomUUID()))
        .setScore(score)
        .setComment("Arrived late.")
        .setChannel(Channel.CHANNEL_EMAIL);
  }

  SubmitResponseResponse submit(String customer, SurveyResponse.Builder answer) {
    return feedback.submitResponse(SubmitResponseRequest.newBuilder().setParent(customer)
        .setSurveyResponse(answer).build());
  }

  Complaint file(String customer, String requestId) {
    return feedback.fileComplaint(FileComplaintRequest.newBuilder().setParent(customer).setRequestId(requestId)
        .setComplaint(complaint()).build()).getComplaint();
  }

  static Complaint.Builder complaint() {
    return Complaint.newBuilder()
        .setChannel(Channel.CHANNEL_WEB)
        .setCategory(ComplaintCategory.COMPLAINT_CATEGORY_DELIVERY)
        .setSeverity(ComplaintSeverity.COMPLAINT_SEVERITY_HIGH)
        .setDescription("The parcel was left in the rain.")
        .addRelatedRecords(order("o-1"));
  }




  static void assertFailure(StatusRuntimeException e, Status.Code code, String reason) throws Exception {
    assertThat(e.getStatus().getCode()).isEqualTo(code);
    assertThat(errorInfo(e).getReason()).isEqualTo(reason);
    assertThat(errorInfo(e).getDomain()).isEqualTo("feedback.cx");
    assertThat(e.getStatus().getDescription()).doesNotContain("Exception").doesNotContain("cx.feedback");
  }

  // Surveys.

  @Test
  void aCreatedSurveyReadsBackWithTheScaleOfItsType() {
    Survey created = create(survey(SurveyType.SURVEY_TYPE_CES).addChannels(Channel.CHANNEL_WEB)
        .setName("surveys/chosen-by-caller").setVersion(42).setMinScore(-5));

    Survey read = feedback.getSurvey(GetSurveyRequest.newBuilder().setName(created.getName()).build()).getSurvey();

    assertThat(read).isEqualTo(created);
    assertThat(read.getName()).matches("surveys/[a-z2-9]{16}");
    assertThat(read.getMinScore()).isEqualTo(1);
    assertThat(read.getMaxScore()).isEqualTo(7);
    assertThat(read.getVersion()).isEqualTo(1);
    assertThat(read.getChannelsList()).containsExactly(Channel.CHANNEL_WEB);
  }

  @Test
  void aSurveyCreateRetriedWithItsRequestIdReturnsTheFirstSurvey() throws Exception {
    String requestId = UUID.randomUUID().toString();
    CreateSurveyRequest request = CreateSurveyRequest.newBuilder().setSurvey(survey(SurveyType.SURVEY_TYPE_NPS))
        .setRequestId(requestId).build();

    Survey first = admin().createSurvey(request).getSurvey();
    Survey second = admin().createSurvey(request).getSurvey();
    StatusRuntimeException reused = failure(() -> admin().createSurvey(request.toBuilder()
        .setSurvey(survey(SurveyType.SURVEY_TYPE_CSAT)).build()));

    assertThat(second).isEqualTo(first);
    assertFailure(reused, Status.Code.ALREADY_EXISTS, "REQUEST_ID_REUSED");
  }

  @Test
  void aSurveyWithoutTypeTouchpointOrStartIsRejectedNamingEveryField() throws Exception {
    StatusRuntimeException e = failure(() -> create(Survey.newBuilder().setDisplayName("x").setQuestion("q?")));

    assertFailure(e, Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertThat(violatedFields(e)).containsExactlyInAnyOrder("survey.type", "survey.touchpoint", "survey.start_time");
  }

  @Test
  void anOversizedQuestionIsTextTooLong() throws Exception {
    StatusRuntimeException e = failure(() -> create(survey(SurveyType.SURVEY_TYPE_NPS).setQuestion("?".repeat(501))));

    assertFailure(e, Status.Code.INVALID_ARGUMENT, "TEXT_TOO_LONG");
    assertThat(violatedFields(e)).containsExactly("survey.question");
  }

  @Test
  void anUnknownOrMalformedSurveyNameIsRefused() throws Exception {
    assertFailure(failure(() -> feedback.getSurvey(GetSurveyRequest.newBuilder().setName("surveys/nope").build())),
        Status.Code.NOT_FOUND, "RESOURCE_NOT_FOUND");
    for (String name : List.of("", "surveys/", "survey/x", "surveys/{\"$ne\":1}", "surveys/a/b")) {
      StatusRuntimeException e = failure(() -> feedback.getSurvey(GetSurveyRequest.newBuilder().setName(name).build()));
      assertThat(e.getStatus().getCode()).as(name).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
  }

  // Responses.

  @Test
  void aResponseIsRecordedWithItsBandAndReadsBack() {
    Survey survey = create(survey(SurveyType.SURVEY_TYPE_NPS));
    String customer = newCustomer();

    SubmitResponseResponse submitted = submit(customer, answer(survey, 9));
    SurveyResponse read = feedback.getResponse(GetResponseRequest.newBuilder()
        .setName(submitted.getSurveyResponse().getName()).build()).getSurveyResponse();

    assertThat(submitted.getAlreadySubmitted()).isFalse();
    assertThat(read).isEqualTo(submitted.getSurveyResponse());
    assertThat(read.getName()).startsWith(customer + "/responses/");
    assertThat(read.getBand()).isEqualTo(ScoreBand.SCORE_BAND_PROMOTER);
    assertThat(read.getSurveyType()).isEqualTo(SurveyType.SURVEY_TYPE_NPS);
    assertThat(read.getFollowUp()).isEmpty();
    assertThat(read.hasRespondTime()).isTrue();
  }

  @Test
  void aScoreOffTheSurveysScaleIsRejectedNamingTheScore() throws Exception {
    for (SurveyType type : List.of(SurveyType.SURVEY_TYPE_NPS, SurveyType.SURVEY_TYPE_CSAT, SurveyType.SURVEY_TYPE_CES)) {
      Survey survey = create(survey(type));
      int tooHigh = switch (type) {
        case SURVEY_TYPE_NPS -> 11;
        case SURVEY_TYPE_CSAT -> 6;
        default -> 8;
      };
      for (int score : List.of(-1, tooHigh)) {
        StatusRuntimeException e = failure(() -> submit(newCustomer(), answer(survey, score)));
        assertFailure(e, Status.Code.INVALID_ARGUMENT, "SCORE_OUT_OF_RANGE");
        assertThat(violatedFields(e)).containsExactly("survey_response.score");
      }
    }
  }

  @Test
  void aDismissedSurveyIsRecordedWithoutScoreOrBand() {
    Survey survey = create(survey(SurveyType.SURVEY_TYPE_NPS));

    SurveyResponse recorded = submit(newCustomer(), answer(survey, 0).clearScore()).getSurveyResponse();

    assertThat(recorded.hasScore()).isFalse();
    assertThat(recorded.getBand()).isEqualTo(ScoreBand.SCORE_BAND_UNSPECIFIED);
    assertThat(recorded.getFollowUp()).isEmpty();
  }

  @Test
  void anOversizedCommentIsTextTooLong() throws Exception {
    Survey survey = create(survey(SurveyType.SURVEY_TYPE_CSAT));

    StatusRuntimeException e = failure(() -> submit(newCustomer(), answer(survey, 4).setComment("x".repeat(4001))));

    assertFailure(e, Status.Code.INVALID_ARGUMENT, "TEXT_TOO_LONG");
    assertThat(violatedFields(e)).containsExactly("survey_response.comment");
  }

  @Test
  void anAnswerToAnUnknownSurveyIsNotFound() throws Exception {
    StatusRuntimeException e = failure(() -> submit(newCustomer(),
        answer(Survey.newBuilder().setName("surveys/unknown").build(), 5)));

    assertFailure(e, Status.Code.NOT_FOUND, "RESOURCE_NOT_FOUND");
  }

  @Test
  void theSurveysRulesOnReferenceChannelAndWindowAreEnforced() throws Exception {
    Survey emailOnly = create(survey(SurveyType.SURVEY_TYPE_CSAT).addChannels(Channel.CHANNEL_EMAIL));
    Survey ended = create(survey(SurveyType.SURVEY_TYPE_CSAT)
        .setEndTime(Timestamp.newBuilder().setSeconds(LAST_YEAR.getSeconds() + 3600)));

    assertFailure(failure(() -> submit(newCustomer(), answer(emailOnly, 4).clearTouchpointReference())),
        Status.Code.INVALID_ARGUMENT, "TOUCHPOINT_REFERENCE_REQUIRED");
    assertFailure(failure(() -> submit(newCustomer(), answer(emailOnly, 4).setChannel(Channel.CHANNEL_SMS))),
        Status.Code.INVALID_ARGUMENT, "CHANNEL_NOT_OFFERED");
    assertFailure(failure(() -> submit(newCustomer(), answer(ended, 4))),
        Status.Code.FAILED_PRECONDITION, "SURVEY_NOT_ACTIVE");
  }

  @Test
  void concurrentRetriesOfOneAnswerRecordExactlyOneResponseAndOneFollowUp() throws Exception {
    Survey survey = create(survey(SurveyType.SURVEY_TYPE_NPS));
    String customer = newCustomer();
    SurveyResponse.Builder answer = answer(survey, 3);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<SubmitResponseResponse> outcomes = new ArrayList<>();
    try {
      List<Callable<SubmitResponseResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        calls.add(() -> submit(customer, answer));
      }
      for (Future<SubmitResponseResponse> future : pool.invokeAll(calls)) {
        outcomes.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(outcomes).extracting(o -> o.getSurveyResponse().getName()).containsOnly(
        outcomes.get(0).getSurveyResponse().getName());
    assertThat(outcomes).filteredOn(o -> !o.getAlreadySubmitted()).hasSize(1);
    String responseId = outcomes.get(0).getSurveyResponse().getName().replaceAll(".*/", "");
    assertThat(database.getCollection("responses").countDocuments(Filters.eq("_id", responseId))).isEqualTo(1);
    assertThat(database.getCollection("follow_ups").countDocuments(Filters.eq("responseId", responseId)))
        .isEqualTo(1);
    assertThat(feedback.getScoreSummary(GetScoreSummaryRequest.newBuilder().addSurveys(survey.getName()).build())
        .getTotals().getNps().getResponseCount()).isEqualTo(1);
  }

  @Test
  void aDifferentAnswerForTheSameTouchpointIsRefusedNamingTheFirst() throws Exception {
    Survey survey = create(survey(SurveyType.SURVEY_TYPE_NPS));
    String customer = newCustomer();
    SurveyResponse.Builder answer = answer(survey, 8);
    SurveyResponse first = submit(customer, answer).getSurveyResponse();

    StatusRuntimeException e = failure(() -> submit(customer, answer.clone().setScore(2)));
    SubmitResponseResponse retry = submit(customer, answer.clone().setRespondTime(
        Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond() - 60)));

    assertFailure(e, Status.Code.ALREADY_EXISTS, "RESPONSE_ALREADY_SUBMITTED");
    assertThat(errorInfo(e).getMetadataMap()).containsEntry("response", first.getName());
    assertThat(retry.getAlreadySubmitted()).isTrue();
    assertThat(retry.getSurveyResponse()).isEqualTo(first);
    assertThat(database.getCollection("follow_ups").countDocuments(
        Filters.eq("responseId", first.getName().replaceAll(".*/", "")))).isZero();
  }

  @Test
  void aDetractorOrDissatisfiedAnswerOpensAFollowUpAndOthersDoNot() {
    Survey nps = create(survey(SurveyType.SURVEY_TYPE_NPS));
    Survey csat = create(survey(SurveyType.SURVEY_TYPE_CSAT));
    Survey ces = create(survey(SurveyType.SURVEY_TYPE_CES));
    String customer = newCustomer();

    SurveyResponse detractor = submit(customer, answer(nps, 6)).getSurveyResponse();
    SurveyResponse dissatisfied = submit(customer, answer(csat, 2)).getSurveyResponse();

    FollowUp followUp = feedback.getFollowUp(GetFollowUpRequest.newBuilder().setName(detractor.getFollowUp()).build())
        .getFollowUp();
    assertThat(followUp.getResponse()).isEqualTo(detractor.getName());
    assertThat(followUp.getTrigger()).isEqualTo(FollowUpTrigger.FOLLOW_UP_TRIGGER_NPS_DETRACTOR);
    assertThat(followUp.getState()).isEqualTo(FollowUpState.FOLLOW_UP_STATE_OPEN);
    assertThat(followUp.getScore()).isEqualTo(6);
    assertThat(followUp.getName()).startsWith(customer + "/followUps/");
    assertThat(feedback.getFollowUp(GetFollowUpRequest.newBuilder().setName(dissatisfied.getFollowUp()).build())
        .getFollowUp().getTrigger()).isEqualTo(FollowUpTrigger.FOLLOW_UP_TRIGGER_CSAT_DISSATISFIED);
    assertThat(submit(customer, answer(nps, 7)).getSurveyResponse().getFollowUp()).isEmpty();
    assertThat(submit(customer, answer(csat, 3)).getSurveyResponse().getFollowUp()).isEmpty();
    assertThat(submit(customer, answer(ces, 1)).getSurveyResponse().getFollowUp()).isEmpty();
  }

  @Test
  void anotherCustomersResponseIsNotFound() throws Exception {
    Survey survey = create(survey(SurveyType.SURVEY_TYPE_NPS));
    String name = submit(newCustomer(), answer(survey, 10)).getSurveyResponse().getName();

    StatusRuntimeException e = failure(() -> feedback.getResponse(GetResponseRequest.newBuilder()
        .setName(name.replaceFirst("customers/[^/]+", newCustomer())).build()));

    assertFailure(e, Status.Code.NOT_FOUND, "RESOURCE_NOT_FOUND");
  }

  // Complaints.

  @Test
  void aComplaintGoesThroughItsWholeLifecycleKeepingEveryUpdate() {
    Complaint filed = file(newCustomer(), UUID.randomUUID().toString());
    String name = filed.getName();

    feedback.acknowledgeComplaint(AcknowledgeComplaintRequest.newBuilder().setName(name).setNote("On it").build());
    feedback.startComplaintWork(StartComplaintWorkRequest.newBuilder().setName(name).build());
    feedback.resolveComplaint(ResolveComplaintRequest.newBuilder().setName(name).setNote("Refunded").build());
    feedback.reopenComplaint(ReopenComplaintRequest.newBuilder().setName(name).setNote("No refund seen").build());
    feedback.resolveComplaint(ResolveComplaintRequest.newBuilder().setName(name).setNote("Refund sent").build());
    Complaint closed = feedback.closeComplaint(CloseComplaintRequest.newBuilder().setName(name).setExpectedVersion(6)
        .build()).getComplaint();

    assertThat(filed.getState()).isEqualTo(ComplaintState.COMPLAINT_STATE_OPEN);
    assertThat(filed.getUpdatesCount()).isEqualTo(1);
    assertThat(closed).isEqualTo(feedback.getComplaint(GetComplaintRequest.newBuilder().setName(name).build())
        .getComplaint());
    assertThat(closed.getState()).isEqualTo(ComplaintState.COMPLAINT_STATE_CLOSED);
    assertThat(closed.getVersion()).isEqualTo(7);
    assertThat(closed.getUpdatesCount()).isEqualTo(7);
    assertThat(closed.getUpdates(1).getNote()).isEqualTo("On it");
    assertThat(closed.getUpdates(1).getActor().getSubject()).isNotEmpty();
    assertThat(closed.getReopenCount()).isEqualTo(1);
    assertThat(closed.hasFirstResponseDuration()).isTrue();
    assertThat(closed.hasResolutionDuration()).isTrue();
    assertThat(closed.hasFullResolutionDuration()).isTrue();
    assertThat(closed.getLastResolveTime().getSeconds() * 1_000_000_000L + closed.getLastResolveTime().getNanos())
        .isGreaterThan(closed.getFirstResolveTime().getSeconds() * 1_000_000_000L
            + closed.getFirstResolveTime().getNanos());
    assertThat(closed.hasCloseTime()).isTrue();
    assertThat(closed.getRelatedRecordsList()).containsExactly(order("o-1"));
  }

  @Test
  void anIllegalMoveFailsSayingWhichStateTheComplaintIsIn() throws Exception {
    Complaint filed = file(newCustomer(), UUID.randomUUID().toString());

    StatusRuntimeException e = failure(() -> feedback.resolveComplaint(ResolveComplaintRequest.newBuilder()
        .setName(filed.getName()).setNote("Done").build()));

    assertFailure(e, Status.Code.FAILED_PRECONDITION, "INVALID_COMPLAINT_STATE");
    assertThat(errorInfo(e).getMetadataMap()).containsEntry("state", "OPEN");
    assertThat(feedback.getComplaint(GetComplaintRequest.newBuilder().setName(filed.getName()).build())
        .getComplaint()).isEqualTo(filed);
  }

  @Test
  void aStaleExpectedVersionIsAConflict() throws Exception {
    Complaint filed = file(newCustomer(), UUID.randomUUID().toString());
    feedback.acknowledgeComplaint(AcknowledgeComplaintRequest.newBuilder().setName(filed.getName())
        .setExpectedVersion(1).build());

    StatusRuntimeException e = failure(() -> feedback.startComplaintWork(StartComplaintWorkRequest.newBuilder()
        .setName(filed.getName()).setExpectedVersion(1).build()));

    assertFailure(e, Status.Code.ABORTED, "VERSION_CONFLICT");
  }

  @Test
  void ofConcurrentAcknowledgementsExactlyOneWins() throws Exception {
    Complaint filed = file(newCustomer(), UUID.randomUUID().toString());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<String> outcomes = new ArrayList<>();
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        long expectedVersion = i % 2;
        calls.add(() -> {
          try {
            feedback.acknowledgeComplaint(AcknowledgeComplaintRequest.newBuilder().setName(filed.getName())
                .setExpectedVersion(expectedVersion).build());
            return "OK";
          } catch (StatusRuntimeException e) {
            return e.getStatus().getCode().name();
          }
        });
      }
      for (Future<String> future : pool.invokeAll(calls)) {
        outcomes.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(outcomes).filteredOn("OK"::equals).hasSize(1);
    assertThat(outcomes).filteredOn(o -> !o.equals("OK")).allMatch(o -> o.equals("FAILED_PRECONDITION")
        || o.equals("ABORTED"));
    Complaint read = feedback.getComplaint(GetComplaintRequest.newBuilder().setName(filed.getName()).build())
        .getComplaint();
    assertThat(read.getUpdatesCount()).isEqualTo(2);
    assertThat(read.getVersion()).isEqualTo(2);
  }

  @Test
  void aFilingRetriedWithItsRequestIdReturnsTheFirstComplaint() throws Exception {
    String customer = newCustomer();
    String requestId = UUID.randomUUID().toString();

    Complaint first = file(customer, requestId);
    Complaint second = file(customer, requestId);
    StatusRuntimeException reused = failure(() -> feedback.fileComplaint(FileComplaintRequest.newBuilder()
        .setParent(customer).setRequestId(requestId).setComplaint(complaint().setDescription("Other")).build()));

    assertThat(second).isEqualTo(first);
    assertFailure(reused, Status.Code.ALREADY_EXISTS, "REQUEST_ID_REUSED");
  }

  @Test
  void aComplaintEscalatingAFollowUpClosesIt() throws Exception {
    Survey survey = create(survey(SurveyType.SURVEY_TYPE_NPS));
    String customer = newCustomer();
    String followUp = submit(customer, answer(survey, 1)).getSurveyResponse().getFollowUp();
    FileComplaintRequest request = FileComplaintRequest.newBuilder().setParent(customer)
        .setRequestId(UUID.randomUUID().toString()).setComplaint(complaint().setFollowUp(followUp)).build();

    Complaint filed = feedback.fileComplaint(request).getComplaint();
    Complaint retried = feedback.fileComplaint(request).getComplaint();
    StatusRuntimeException again = failure(() -> feedback.fileComplaint(request.toBuilder()
        .setRequestId(UUID.randomUUID().toString()).build()));

    FollowUp closed = feedback.getFollowUp(GetFollowUpRequest.newBuilder().setName(followUp).build()).getFollowUp();
    assertThat(filed.getFollowUp()).isEqualTo(followUp);
    assertThat(retried).isEqualTo(filed);
    assertThat(closed.getState()).isEqualTo(FollowUpState.FOLLOW_UP_STATE_CLOSED);
    assertThat(closed.getOutcome()).isEqualTo(FollowUpOutcome.FOLLOW_UP_OUTCOME_ESCALATED_TO_COMPLAINT);
    assertThat(closed.getComplaint()).isEqualTo(filed.getName());
    assertFailure(again, Status.Code.FAILED_PRECONDITION, "INVALID_FOLLOW_UP_STATE");
  }

  @Test
  void aBadComplaintIsRejectedNamingEveryFieldAndNothingIsFiled() throws Exception {
    StatusRuntimeException e = failure(() -> feedback.fileComplaint(FileComplaintRequest.newBuilder()
        .setParent(newCustomer()).setComplaint(Complaint.newBuilder().setDescription("")).build()));

    assertFailure(e, Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertThat(violatedFields(e)).containsExactlyInAnyOrder("complaint.description", "complaint.channel",
        "complaint.category", "complaint.severity");
  }

  @Test
  void resolvingWithoutANoteIsRejectedNamingTheNote() throws Exception {
    Complaint filed = file(newCustomer(), UUID.randomUUID().toString());

    StatusRuntimeException e = failure(() -> feedback.resolveComplaint(ResolveComplaintRequest.newBuilder()
        .setName(filed.getName()).build()));

    assertFailure(e, Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertThat(violatedFields(e)).containsExactly("note");
  }

  /** The stub calling as an admin, who alone manages surveys. */
  private FeedbackServiceBlockingStub admin() {
    return TestCallers.admin(feedback, tokens);
  }
}
