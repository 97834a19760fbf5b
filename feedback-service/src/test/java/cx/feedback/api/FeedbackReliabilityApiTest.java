package cx.feedback.api;

import static cx.runtime.testing.GrpcCalls.concurrently;
import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static cx.runtime.testing.HostileInput.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import cx.common.v1.Channel;
import cx.feedback.v1.Complaint;
import cx.feedback.v1.ComplaintSeverity;
import cx.feedback.v1.ComplaintState;
import cx.feedback.v1.CreateSurveyRequest;
import cx.feedback.v1.FeedbackServiceGrpc.FeedbackServiceBlockingStub;
import cx.feedback.v1.FileComplaintRequest;
import cx.feedback.v1.FileComplaintResponse;
import cx.feedback.v1.GetComplaintRequest;
import cx.feedback.v1.GetSurveyRequest;
import cx.feedback.v1.LinkedRecord;
import cx.feedback.v1.LinkedRecordKind;
import cx.feedback.v1.ListComplaintsRequest;
import cx.feedback.v1.ListCustomerFeedbackEventsRequest;
import cx.feedback.v1.ListFollowUpsRequest;
import cx.feedback.v1.ListResponsesRequest;
import cx.feedback.v1.ListSurveysRequest;
import cx.feedback.v1.SubmitResponseRequest;
import cx.feedback.v1.SubmitResponseResponse;
import cx.feedback.v1.Survey;
import cx.feedback.v1.SurveyResponse;
import cx.feedback.v1.SurveyType;
import cx.feedback.v1.Touchpoint;
import cx.feedback.v1.UpdateComplaintRequest;
import cx.feedback.v1.UpdateSurveyRequest;
import cx.runtime.auth.CallerTokens;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.testing.ErrorHygiene;
import cx.runtime.testing.HostileInput;
import cx.runtime.testing.RawDocuments;
import cx.runtime.testing.TestCallers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reliability promises of the feedback API, checked against what is in the store: retried
 * answers and complaints make one record, masks cannot reach server-owned fields, hostile strings
 * in names and filters match nothing extra, and lists keep their limits.
 */
abstract class FeedbackReliabilityApiTest {

  static final int RETRIES = 50;

  @Autowired
  FeedbackServiceBlockingStub feedback;

  @Autowired
  CallerTokens tokens;

  @Autowired
  MongoDatabase database;

  FeedbackServiceBlockingStub admin() {
    return TestCallers.admin(feedback, tokens);
  }

  FeedbackServiceBlockingStub platform() {
    return TestCallers.service(feedback, tokens);
  }

  Survey create(Survey.Builder survey) {
    return admin().createSurvey(CreateSurveyRequest.newBuilder().setSurvey(survey)
        .setRequestId(UUID.randomUUID().toString()).build()).getSurvey();
  }

  static String id(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  SubmitResponseResponse submit(String customer, SurveyResponse.Builder answer) {
    return feedback.submitResponse(SubmitResponseRequest.newBuilder().setParent(customer)
        .setSurveyResponse(answer).build());
  }

  FileComplaintRequest filing(String customer) {
    return FileComplaintRequest.newBuilder().setParent(customer).setRequestId(UUID.randomUUID().toString())
        .setComplaint(FeedbackApiTest.complaint()).build();
  }

  // Idempotency.

  @Test
  void fiftyConcurrentFilingsWithOneRequestIdStoreOneComplaintAndAnswerAlike() throws Exception {
    String customer = FeedbackApiTest.newCustomer();
    FileComplaintRequest request = filing(customer);

    List<FileComplaintResponse> answers = concurrently(RETRIES, i -> feedback.fileComplaint(request));

    assertThat(answers).hasSize(RETRIES).containsOnly(answers.get(0));
    assertThat(database.getCollection("complaints").countDocuments(Filters.eq("customerId", id(customer))))
        .isEqualTo(1);
  }

  @Test
  void aFilingRequestIdWithAnotherComplaintIsRefusedAndWritesNothing() throws Exception {
    String customer = FeedbackApiTest.newCustomer();
    FileComplaintRequest request = filing(customer);
    feedback.fileComplaint(request);
    List<String> before = RawDocuments.read(database, "complaints", Filters.eq("customerId", id(customer)));

    StatusRuntimeException e = failure(() -> feedback.fileComplaint(request.toBuilder()
        .setComplaint(request.getComplaint().toBuilder().setDescription("Something else entirely.")).build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(errorInfo(e).getReason()).isEqualTo("REQUEST_ID_REUSED");
    assertThat(RawDocuments.read(database, "complaints", Filters.eq("customerId", id(customer)))).isEqualTo(before);
  }

  @Test
  void fiftyConcurrentSubmissionsOfOneAnswerStoreOneResponseAndAnswerAlike() throws Exception {
    Survey survey = create(FeedbackApiTest.survey(SurveyType.SURVEY_TYPE_CSAT));
    String customer = FeedbackApiTest.newCustomer();
    SurveyResponse.Builder answer = FeedbackApiTest.answer(survey, 5);

    List<SubmitResponseResponse> answers = concurrently(RETRIES, i -> submit(customer, answer));

    assertThat(answers).extracting(SubmitResponseResponse::getSurveyResponse)
        .containsOnly(answers.get(0).getSurveyResponse());
    assertThat(answers).filteredOn(a -> !a.getAlreadySubmitted()).hasSize(1);
    assertThat(database.getCollection("responses").countDocuments(Filters.eq("customerId", id(customer))))
        .isEqualTo(1);
  }

  @Test
  void anotherAnswerForTheSameTouchpointIsRefusedAndWritesNothing() throws Exception {
    Survey survey = create(FeedbackApiTest.survey(SurveyType.SURVEY_TYPE_CSAT));
    String customer = FeedbackApiTest.newCustomer();
    SurveyResponse.Builder answer = FeedbackApiTest.answer(survey, 5);
    submit(customer, answer);
    List<String> responses = RawDocuments.read(database, "responses", Filters.eq("customerId", id(customer)));
    List<String> followUps = RawDocuments.read(database, "follow_ups", Filters.eq("customerId", id(customer)));

    StatusRuntimeException e = failure(() -> submit(customer, answer.clone().setScore(1)));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(RawDocuments.read(database, "responses", Filters.eq("customerId", id(customer)))).isEqualTo(responses);
    assertThat(RawDocuments.read(database, "follow_ups", Filters.eq("customerId", id(customer)))).isEqualTo(followUps);
  }

  @Test
  void requestIdsAreKeptAtLeastADay() {
    assertThat(IdempotencyKeys.RETENTION).isGreaterThanOrEqualTo(java.time.Duration.ofHours(24));
    assertThat(RawDocuments.expireAfterSeconds(database, "idempotency_keys"))
        .hasValueSatisfying(seconds -> assertThat(seconds).isGreaterThanOrEqualTo(24 * 3600L));
  }

  // Mass assignment.

  @Test
  void aSurveyMaskNamingAServerOwnedFieldIsRefusedAndTheStoredSurveyStaysByteIdentical() throws Exception {
    Survey survey = create(FeedbackApiTest.survey(SurveyType.SURVEY_TYPE_NPS));
    Survey evil = evilSurvey(survey);
    String before = RawDocuments.one(database, "surveys", Filters.eq("_id", id(survey.getName())));

    for (List<String> paths : List.of(List.of("name"), List.of("type"), List.of("touchpoint"), List.of("version"),
        List.of("create_time"), List.of("update_time"), List.of("min_score"), List.of("max_score"), List.of("*"),
        List.of("display_name", "version"), List.of("_id"), List.of("$set"))) {
      StatusRuntimeException e = failure(() -> admin().updateSurvey(UpdateSurveyRequest.newBuilder()
          .setSurvey(evil).setUpdateMask(FieldMask.newBuilder().addAllPaths(paths)).build()));

      assertThat(e.getStatus().getCode()).as("mask %s", paths).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(violatedFields(e)).containsExactly("update_mask");
    }
    assertThat(RawDocuments.one(database, "surveys", Filters.eq("_id", id(survey.getName())))).isEqualTo(before);
  }

  @Test
  void aSurveyUpdateTakesOnlyTheMaskedFieldFromTheRequest() {
    Survey survey = create(FeedbackApiTest.survey(SurveyType.SURVEY_TYPE_NPS));
    Document before = RawDocuments.document(database, "surveys", Filters.eq("_id", id(survey.getName())));

    admin().updateSurvey(UpdateSurveyRequest.newBuilder().setSurvey(evilSurvey(survey).toBuilder()
        .setDisplayName("Renamed")).setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build());

    Document after = RawDocuments.document(database, "surveys", Filters.eq("_id", id(survey.getName())));
    assertThat(after.getString("displayName")).isEqualTo("Renamed");
    assertThat(after.get("version", Number.class).longValue())
        .isEqualTo(before.get("version", Number.class).longValue() + 1);
    for (String serverOwned : List.of("_id", "type", "touchpoint", "createTime", "question", "channels")) {
      assertThat(after.get(serverOwned)).as(serverOwned).isEqualTo(before.get(serverOwned));
    }
  }

  static Survey evilSurvey(Survey survey) {
    return survey.toBuilder().setType(SurveyType.SURVEY_TYPE_CES).setTouchpoint(Touchpoint.TOUCHPOINT_RELATIONSHIP)
        .setVersion(999).setMinScore(-5).setMaxScore(500).setCreateTime(Timestamp.newBuilder().setSeconds(1))
        .setUpdateTime(Timestamp.newBuilder().setSeconds(1)).setQuestion("Injected?").build();
  }

  @Test
  void aComplaintMaskNamingAServerOwnedFieldIsRefusedAndTheStoredComplaintStaysByteIdentical() throws Exception {
    Complaint filed = feedback.fileComplaint(filing(FeedbackApiTest.newCustomer())).getComplaint();
    Complaint evil = evilComplaint(filed);
    String before = RawDocuments.one(database, "complaints", Filters.eq("_id", id(filed.getName())));

    for (List<String> paths : List.of(List.of("name"), List.of("state"), List.of("version"), List.of("create_time"),
        List.of("updates"), List.of("filed_by"), List.of("resolve_by_time"), List.of("description"),
        List.of("severity", "state"), List.of("*"), List.of("_id"), List.of("$set"))) {
      StatusRuntimeException e = failure(() -> feedback.updateComplaint(UpdateComplaintRequest.newBuilder()
          .setComplaint(evil).setUpdateMask(FieldMask.newBuilder().addAllPaths(paths)).build()));

      assertThat(e.getStatus().getCode()).as("mask %s", paths).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(violatedFields(e)).containsExactly("update_mask");
    }
    assertThat(RawDocuments.one(database, "complaints", Filters.eq("_id", id(filed.getName())))).isEqualTo(before);
  }

  @Test
  void aComplaintUpdateTakesOnlyTheMaskedFieldFromTheRequest() {
    Complaint filed = feedback.fileComplaint(filing(FeedbackApiTest.newCustomer())).getComplaint();
    Document before = RawDocuments.document(database, "complaints", Filters.eq("_id", id(filed.getName())));

    feedback.updateComplaint(UpdateComplaintRequest.newBuilder().setComplaint(evilComplaint(filed).toBuilder()
        .setSeverity(ComplaintSeverity.COMPLAINT_SEVERITY_LOW)).setUpdateMask(FieldMask.newBuilder()
        .addPaths("severity")).build());

    Document after = RawDocuments.document(database, "complaints", Filters.eq("_id", id(filed.getName())));
    assertThat(after.getString("severity")).isEqualTo("LOW");
    assertThat(after.get("version", Number.class).longValue())
        .isEqualTo(before.get("version", Number.class).longValue() + 1);
    for (String serverOwned : List.of("_id", "customerId", "state", "createTime", "description", "category",
        "filedBy")) {
      assertThat(after.get(serverOwned)).as(serverOwned).isEqualTo(before.get(serverOwned));
    }
    assertThat(feedback.getComplaint(GetComplaintRequest.newBuilder().setName(filed.getName()).build())
        .getComplaint().getState()).isEqualTo(filed.getState());
  }

  static Complaint evilComplaint(Complaint filed) {
    return filed.toBuilder().setState(ComplaintState.COMPLAINT_STATE_CLOSED).setVersion(999)
        .setCreateTime(Timestamp.newBuilder().setSeconds(1)).setResolveByTime(Timestamp.newBuilder().setSeconds(1))
        .setDescription("Rewritten by the caller.").clearUpdates().build();
  }

  // Injection.

  @Test
  void hostileStringsInNamesAndFiltersAreInvalidAndWriteNothing() throws Exception {
    String customer = FeedbackApiTest.newCustomer();
    for (String hostile : HostileInput.STRINGS) {
      assertInvalid(() -> feedback.listResponses(ListResponsesRequest.newBuilder().setParent(customer)
          .addSurveys(hostile).build()), "surveys[0]");
      assertInvalid(() -> feedback.listResponses(ListResponsesRequest.newBuilder().setParent(customer)
          .addSurveys("surveys/" + hostile).build()), "surveys[0]");
      assertInvalid(() -> feedback.listComplaints(ListComplaintsRequest.newBuilder()
          .setParent("customers/" + hostile).build()), "parent");
      assertInvalid(() -> feedback.listResponses(ListResponsesRequest.newBuilder()
          .setParent("customers/" + hostile).build()), "parent");
      assertInvalid(() -> feedback.getSurvey(GetSurveyRequest.newBuilder().setName("surveys/" + hostile).build()),
          "name");
      assertInvalid(() -> feedback.getComplaint(GetComplaintRequest.newBuilder()
          .setName(customer + "/complaints/" + hostile).build()), "name");
      assertInvalid(() -> feedback.fileComplaint(filing(customer).toBuilder().setRequestId(hostile).build()),
          "request_id");
      assertInvalid(() -> feedback.fileComplaint(filing(customer).toBuilder().setComplaint(
          FeedbackApiTest.complaint().clearRelatedRecords().addRelatedRecords(LinkedRecord.newBuilder()
              .setKind(LinkedRecordKind.LINKED_RECORD_KIND_ORDER).setId(hostile))).build()),
          "complaint.related_records[0].id");
    }
    assertThat(database.getCollection("complaints").countDocuments(Filters.eq("customerId", id(customer)))).isZero();
  }

  // Error hygiene.

  @Test
  void everyErrorThisServiceAnswersIsWatchedAndChecked() throws Exception {
    long before = ErrorHygiene.WATCH.errorsSeen();

    failure(() -> feedback.getSurvey(GetSurveyRequest.newBuilder().setName("surveys/unknown").build()));

    assertThat(ErrorHygiene.WATCH.errorsSeen()).isGreaterThan(before);
    assertThat(ErrorHygiene.WATCH.checked()).as("ErrorHygieneCheck is registered for every test").isTrue();
  }

  // Limits.

  @Test
  void everyListRefusesANegativePageSizeAndAcceptsTenThousand() throws Exception {
    String customer = FeedbackApiTest.newCustomer();
    List<java.util.function.IntConsumer> lists = List.of(
        size -> feedback.listSurveys(ListSurveysRequest.newBuilder().setPageSize(size).build()),
        size -> feedback.listResponses(ListResponsesRequest.newBuilder().setParent(customer).setPageSize(size).build()),
        size -> feedback.listComplaints(ListComplaintsRequest.newBuilder().setParent(customer).setPageSize(size)
            .build()),
        size -> feedback.listFollowUps(ListFollowUpsRequest.newBuilder().setParent(customer).setPageSize(size)
            .build()),
        size -> platform().listCustomerFeedbackEvents(ListCustomerFeedbackEventsRequest.newBuilder()
            .addCustomerIds(id(customer)).setPageSize(size).build()));
    for (var list : lists) {
      assertInvalid(() -> list.accept(-1), "page_size");
      list.accept(10_000);
    }
  }

  @Test
  void aPageTokenFromAnotherListOrAnotherCustomerOrTamperedWithIsRefused() throws Exception {
    Survey survey = create(FeedbackApiTest.survey(SurveyType.SURVEY_TYPE_CSAT));
    String customer = FeedbackApiTest.newCustomer();
    feedback.fileComplaint(filing(customer));
    feedback.fileComplaint(filing(customer));
    submit(customer, FeedbackApiTest.answer(survey, 4));
    submit(customer, FeedbackApiTest.answer(survey, 5));
    String complaintsToken = feedback.listComplaints(ListComplaintsRequest.newBuilder().setParent(customer)
        .setPageSize(1).build()).getNextPageToken();
    String responsesToken = feedback.listResponses(ListResponsesRequest.newBuilder().setParent(customer)
        .setPageSize(1).build()).getNextPageToken();
    String tampered = complaintsToken.substring(0, complaintsToken.length() - 2)
        + (complaintsToken.endsWith("AA") ? "BB" : "AA");

    assertThat(complaintsToken).isNotEmpty();
    assertThat(responsesToken).isNotEmpty();
    assertInvalid(() -> feedback.listResponses(ListResponsesRequest.newBuilder().setParent(customer)
        .setPageToken(complaintsToken).build()), "page_token");
    assertInvalid(() -> feedback.listComplaints(ListComplaintsRequest.newBuilder().setParent(customer)
        .setPageToken(responsesToken).build()), "page_token");
    assertInvalid(() -> feedback.listComplaints(ListComplaintsRequest.newBuilder()
        .setParent(FeedbackApiTest.newCustomer()).setPageToken(complaintsToken).build()), "page_token");
    assertInvalid(() -> feedback.listComplaints(ListComplaintsRequest.newBuilder().setParent(customer)
        .addChannels(Channel.CHANNEL_WEB).setPageToken(complaintsToken).build()), "page_token");
    assertInvalid(() -> feedback.listComplaints(ListComplaintsRequest.newBuilder().setParent(customer)
        .setPageToken(tampered).build()), "page_token");
    for (String hostile : HostileInput.STRINGS) {
      assertInvalid(() -> feedback.listComplaints(ListComplaintsRequest.newBuilder().setParent(customer)
          .setPageToken(hostile).build()), "page_token");
    }
  }
}
