package cx.feedback.api;

import static cx.feedback.api.FeedbackApiTest.answer;
import static cx.feedback.api.FeedbackApiTest.assertFailure;
import static cx.feedback.api.FeedbackApiTest.newCustomer;
import static cx.feedback.api.FeedbackApiTest.survey;
import static cx.runtime.testing.GrpcCalls.concurrently;
import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import cx.common.v1.TimelineEvent;
import cx.feedback.v1.BatchSubmitResponsesRequest;
import cx.feedback.v1.BatchSubmitResponsesResponse;
import cx.feedback.v1.CreateSurveyRequest;
import cx.feedback.v1.FeedbackServiceGrpc.FeedbackServiceBlockingStub;
import cx.feedback.v1.GetFollowUpRequest;
import cx.feedback.v1.GetResponseRequest;
import cx.feedback.v1.GetScoreSummaryRequest;
import cx.feedback.v1.ListCustomerFeedbackEventsRequest;
import cx.feedback.v1.SubmitResponseRequest;
import cx.feedback.v1.SubmitResponseResponse;
import cx.feedback.v1.Survey;
import cx.feedback.v1.SurveyResponse;
import cx.feedback.v1.SurveyType;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.TestCallers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many answers in one call through the generated stub: each recorded as SubmitResponse records
 * it, a batch retried or raced changes nothing twice, and a refused answer names itself and
 * leaves nothing written.
 */
abstract class BatchSubmitApiTest {

  @Autowired
  FeedbackServiceBlockingStub feedback;

  @Autowired
  CallerTokens tokens;

  @Autowired
  MongoDatabase database;

  Survey create(SurveyType type) {
    return TestCallers.admin(feedback, tokens).createSurvey(CreateSurveyRequest.newBuilder()
        .setSurvey(survey(type)).setRequestId(UUID.randomUUID().toString()).build()).getSurvey();
  }

  static SubmitResponseRequest request(String customer, SurveyResponse.Builder answer) {
    return SubmitResponseRequest.newBuilder().setParent(customer).setSurveyResponse(answer).build();
  }

  static BatchSubmitResponsesRequest batch(List<SubmitResponseRequest> requests) {
    return BatchSubmitResponsesRequest.newBuilder().setParent("customers/-").addAllRequests(requests).build();
  }

  long npsCount(Survey survey) {
    return feedback.getScoreSummary(GetScoreSummaryRequest.newBuilder().addSurveys(survey.getName()).build())
        .getTotals().getNps().getResponseCount();
  }

  long storedResponses() {
    return database.getCollection("responses").countDocuments();
  }

  /** Forty answers of twenty customers: detractors, passives and promoters, and CSAT answers. */
  List<SubmitResponseRequest> mixed(Survey nps, Survey csat) {
    List<SubmitResponseRequest> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String customer = newCustomer();
      requests.add(request(customer, answer(nps, i % 11)));
      requests.add(request(customer, answer(csat, 1 + i % 5)));
    }
    return requests;
  }

  @Test
  void everyAnswerIsRecordedAsASingleSubmissionRecordsItInTheOrderOfTheRequests() {
    Survey nps = create(SurveyType.SURVEY_TYPE_NPS);
    Survey csat = create(SurveyType.SURVEY_TYPE_CSAT);
    List<SubmitResponseRequest> requests = mixed(nps, csat);

    BatchSubmitResponsesResponse recorded = feedback.batchSubmitResponses(batch(requests));

    assertThat(recorded.getResponsesList()).hasSize(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      SubmitResponseResponse result = recorded.getResponses(i);
      SurveyResponse response = result.getSurveyResponse();
      SurveyResponse asked = requests.get(i).getSurveyResponse();
      assertThat(result.getAlreadySubmitted()).isFalse();
      assertThat(response.getName()).startsWith(requests.get(i).getParent() + "/responses/");
      assertThat(response.getScore()).isEqualTo(asked.getScore());
      assertThat(response.getTouchpointReference()).isEqualTo(asked.getTouchpointReference());
      assertThat(feedback.getResponse(GetResponseRequest.newBuilder().setName(response.getName()).build())
          .getSurveyResponse()).isEqualTo(response);
      boolean unhappy = asked.getSurvey().equals(nps.getName()) ? asked.getScore() <= 6 : asked.getScore() <= 2;
      assertThat(response.getFollowUp().isEmpty()).as("follow-up of request %d", i).isEqualTo(!unhappy);
      if (unhappy) {
        assertThat(feedback.getFollowUp(GetFollowUpRequest.newBuilder().setName(response.getFollowUp()).build())
            .getFollowUp().getResponse()).isEqualTo(response.getName());
      }
      String customerId = requests.get(i).getParent().substring("customers/".length());
      List<TimelineEvent> events = TestCallers.service(feedback, tokens).listCustomerFeedbackEvents(ListCustomerFeedbackEventsRequest.newBuilder()
          .addCustomerIds(customerId).build()).getEventsList();
      assertThat(events).filteredOn(e -> e.getResource().equals(response.getName())).hasSize(1);
    }
    assertThat(npsCount(nps)).isEqualTo(20);
  }

  @Test
  void aBatchRetriedOrOverlappingSingleSubmissionsChangesNothingTwice() {
    Survey nps = create(SurveyType.SURVEY_TYPE_NPS);
    Survey csat = create(SurveyType.SURVEY_TYPE_CSAT);
    List<SubmitResponseRequest> requests = mixed(nps, csat);
    SubmitResponseResponse single = feedback.submitResponse(requests.get(3));

    BatchSubmitResponsesResponse first = feedback.batchSubmitResponses(batch(requests));
    long stored = storedResponses();
    BatchSubmitResponsesResponse again = feedback.batchSubmitResponses(batch(requests));

    assertThat(first.getResponses(3).getAlreadySubmitted()).isTrue();
    assertThat(first.getResponses(3).getSurveyResponse()).isEqualTo(single.getSurveyResponse());
    assertThat(first.getResponsesList()).filteredOn(SubmitResponseResponse::getAlreadySubmitted).hasSize(1);
    assertThat(again.getResponsesList()).allMatch(SubmitResponseResponse::getAlreadySubmitted);
    for (int i = 0; i < requests.size(); i++) {
      assertThat(again.getResponses(i).getSurveyResponse()).isEqualTo(first.getResponses(i).getSurveyResponse());
    }
    assertThat(storedResponses()).isEqualTo(stored);
    assertThat(npsCount(nps)).isEqualTo(20);
    String customerId = requests.get(0).getParent().substring("customers/".length());
    assertThat(TestCallers.service(feedback, tokens).listCustomerFeedbackEvents(ListCustomerFeedbackEventsRequest.newBuilder()
        .addCustomerIds(customerId).build()).getEventsList()).extracting(TimelineEvent::getEventId)
        .doesNotHaveDuplicates();
  }

  @Test
  void concurrentCopiesOfOneBatchRecordEachAnswerOnceAndCountItOnce() throws Exception {
    Survey nps = create(SurveyType.SURVEY_TYPE_NPS);
    Survey csat = create(SurveyType.SURVEY_TYPE_CSAT);
    List<SubmitResponseRequest> requests = mixed(nps, csat);

    List<BatchSubmitResponsesResponse> results = concurrently(6, i -> feedback.batchSubmitResponses(batch(requests)));

    for (int i = 0; i < requests.size(); i++) {
      int request = i;
      assertThat(new HashSet<>(results.stream().map(r -> r.getResponses(request).getSurveyResponse()).toList()))
          .hasSize(1);
      assertThat(results.stream().filter(r -> !r.getResponses(request).getAlreadySubmitted())).hasSize(1);
    }
    assertThat(npsCount(nps)).isEqualTo(20);
    List<String> followUps = results.get(0).getResponsesList().stream()
        .map(r -> r.getSurveyResponse().getFollowUp()).filter(f -> !f.isEmpty()).toList();
    for (String followUp : followUps) {
      String id = followUp.substring(followUp.lastIndexOf('/') + 1);
      assertThat(database.getCollection("follow_ups").countDocuments(Filters.eq("_id", id))).isEqualTo(1);
    }
  }

  @Test
  void aRefusedAnswerNamesItselfAndNothingOfTheBatchIsWritten() throws Exception {
    Survey nps = create(SurveyType.SURVEY_TYPE_NPS);
    Survey csat = create(SurveyType.SURVEY_TYPE_CSAT);
    long stored = storedResponses();

    List<SubmitResponseRequest> offScale = new ArrayList<>(mixed(nps, csat));
    offScale.set(7, request(newCustomer(), answer(csat, 9)));
    StatusRuntimeException refused = failure(() -> feedback.batchSubmitResponses(batch(offScale)));
    assertFailure(refused, Status.Code.INVALID_ARGUMENT, "SCORE_OUT_OF_RANGE");
    assertThat(violatedFields(refused)).containsExactly("requests[7].survey_response.score");
    assertThat(errorInfo(refused).getMetadataMap()).containsEntry("request_index", "7");

    List<SubmitResponseRequest> unknown = new ArrayList<>(mixed(nps, csat));
    unknown.set(5, request(newCustomer(), answer(nps, 3).setSurvey("surveys/nothing-here")));
    StatusRuntimeException notFound = failure(() -> feedback.batchSubmitResponses(batch(unknown)));
    assertFailure(notFound, Status.Code.NOT_FOUND, "RESOURCE_NOT_FOUND");
    assertThat(errorInfo(notFound).getMetadataMap()).containsEntry("request_index", "5");

    List<SubmitResponseRequest> badParent = new ArrayList<>(mixed(nps, csat));
    badParent.set(2, request("customers/{\"$ne\": null}", answer(nps, 3)));
    StatusRuntimeException malformed = failure(() -> feedback.batchSubmitResponses(batch(badParent)));
    assertFailure(malformed, Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertThat(violatedFields(malformed)).containsExactly("requests[2].parent");

    List<SubmitResponseRequest> twice = new ArrayList<>(mixed(nps, csat));
    twice.set(9, twice.get(4));
    StatusRuntimeException repeated = failure(() -> feedback.batchSubmitResponses(batch(twice)));
    assertFailure(repeated, Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertThat(violatedFields(repeated)).containsExactly("requests[9].survey_response.touchpoint_reference");

    assertThat(storedResponses()).isEqualTo(stored);
    assertThat(npsCount(nps)).isZero();
  }

  @Test
  void anAnswerDifferingFromTheStoredOneForItsKeyFailsTheBatchBeforeAnythingIsWritten() throws Exception {
    Survey nps = create(SurveyType.SURVEY_TYPE_NPS);
    Survey csat = create(SurveyType.SURVEY_TYPE_CSAT);
    List<SubmitResponseRequest> requests = new ArrayList<>(mixed(nps, csat));
    SubmitResponseResponse stored = feedback.submitResponse(requests.get(6));
    long before = storedResponses();
    requests.set(6, request(requests.get(6).getParent(), requests.get(6).getSurveyResponse().toBuilder()
        .setScore(10)));

    StatusRuntimeException conflict = failure(() -> feedback.batchSubmitResponses(batch(requests)));

    assertFailure(conflict, Status.Code.ALREADY_EXISTS, "RESPONSE_ALREADY_SUBMITTED");
    assertThat(errorInfo(conflict).getMetadataMap()).containsEntry("request_index", "6")
        .containsEntry("response", stored.getSurveyResponse().getName());
    assertThat(storedResponses()).isEqualTo(before);
  }

  @Test
  void aBatchMustNameEveryCustomerHoldOneToAThousandAnswersAndComeFromAnAgentOrAdmin() throws Exception {
    Survey nps = create(SurveyType.SURVEY_TYPE_NPS);
    List<SubmitResponseRequest> one = List.of(request(newCustomer(), answer(nps, 9)));

    StatusRuntimeException parent = failure(() -> feedback.batchSubmitResponses(batch(one).toBuilder()
        .setParent(one.get(0).getParent()).build()));
    assertFailure(parent, Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertThat(violatedFields(parent)).containsExactly("parent");

    StatusRuntimeException empty = failure(() -> feedback.batchSubmitResponses(batch(List.of())));
    assertThat(violatedFields(empty)).containsExactly("requests");
    List<SubmitResponseRequest> tooMany = new ArrayList<>();
    for (int i = 0; i < 1_001; i++) {
      tooMany.add(request(newCustomer(), answer(nps, 9)));
    }
    StatusRuntimeException oversized = failure(() -> feedback.batchSubmitResponses(batch(tooMany)));
    assertThat(violatedFields(oversized)).containsExactly("requests");

    String customer = one.get(0).getParent().substring("customers/".length());
    StatusRuntimeException customerCall = failure(() -> TestCallers.customer(feedback, tokens, customer)
        .batchSubmitResponses(batch(one)));
    assertFailure(customerCall, Status.Code.PERMISSION_DENIED, "ROLE_NOT_ALLOWED");
    assertThat(TestCallers.admin(feedback, tokens).batchSubmitResponses(batch(one)).getResponsesCount()).isEqualTo(1);
  }
}
