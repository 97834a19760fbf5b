package cx.feedback.api;

import static cx.feedback.api.FeedbackApiTest.answer;
import static cx.feedback.api.FeedbackApiTest.assertFailure;
import static cx.feedback.api.FeedbackApiTest.complaint;
import static cx.feedback.api.FeedbackApiTest.survey;
import static cx.runtime.testing.GrpcCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import cx.common.v1.TimelineEvent;
import cx.common.v1.TimelineFilter;
import cx.common.v1.TimelineSource;
import cx.feedback.v1.AcknowledgeComplaintRequest;
import cx.feedback.v1.CheckSurveyEligibilityRequest;
import cx.feedback.v1.CheckSurveyEligibilityResponse;
import cx.feedback.v1.Complaint;
import cx.feedback.v1.CreateSurveyRequest;
import cx.feedback.v1.CustomerFeedbackSummary;
import cx.feedback.v1.EraseCustomerRequest;
import cx.feedback.v1.EraseCustomerResponse;
import cx.feedback.v1.ExportCustomerDataRequest;
import cx.feedback.v1.ExportCustomerDataResponse;
import cx.feedback.v1.FeedbackServiceGrpc.FeedbackServiceBlockingStub;
import cx.feedback.v1.FileComplaintRequest;
import cx.feedback.v1.GetComplaintRequest;
import cx.feedback.v1.GetCustomerFeedbackSummaryRequest;
import cx.feedback.v1.GetResponseRequest;
import cx.feedback.v1.GetScoreSummaryRequest;
import cx.feedback.v1.IneligibilityReason;
import cx.feedback.v1.ListCustomerFeedbackEventsRequest;
import cx.feedback.v1.ListCustomerFeedbackEventsResponse;
import cx.feedback.v1.SubmitResponseRequest;
import cx.feedback.v1.Survey;
import cx.feedback.v1.SurveyResponse;
import cx.feedback.v1.SurveyType;
import cx.feedback.v1.TrendDirection;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.TestCallers;
import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A customer's feedback history and card through the generated stub, over merged ids. */
abstract class CustomerHistoryApiTest {

  @Autowired
  FeedbackServiceBlockingStub feedback;

  @Autowired
  CallerTokens tokens;

  static String newId() {
    return "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  Survey create(SurveyType type) {
    return admin().createSurvey(CreateSurveyRequest.newBuilder().setSurvey(survey(type)).build()).getSurvey();
  }

  SurveyResponse submit(String customerId, SurveyResponse.Builder answer, Instant respondTime) {
    return feedback.submitResponse(SubmitResponseRequest.newBuilder().setParent("customers/" + customerId)
        .setSurveyResponse(answer.setRespondTime(Timestamp.newBuilder().setSeconds(respondTime.getEpochSecond())))
        .build()).getSurveyResponse();
  }

  Complaint file(String customerId) {
    return feedback.fileComplaint(FileComplaintRequest.newBuilder().setParent("customers/" + customerId)
        .setComplaint(complaint()).build()).getComplaint();
  }

  ListCustomerFeedbackEventsResponse events(ListCustomerFeedbackEventsRequest.Builder request) {
    return platform().listCustomerFeedbackEvents(request.build());
  }

  @Test
  void theEventsOfMergedIdsComeNewestFirstPageByPageExactlyOnce() throws Exception {
    String primary = newId();
    String merged = newId();
    Survey nps = create(SurveyType.SURVEY_TYPE_NPS);
    Instant now = Instant.now();
    SurveyResponse.Builder detractor = answer(nps, 2);
    submit(merged, detractor, now.minusSeconds(3600));
    submit(merged, detractor, now.minusSeconds(3600));
    Complaint complaint = file(primary);
    feedback.acknowledgeComplaint(AcknowledgeComplaintRequest.newBuilder().setName(complaint.getName())
        .setNote("Looking into it").build());

    List<TimelineEvent> all = events(ListCustomerFeedbackEventsRequest.newBuilder().addCustomerIds(primary)
        .addCustomerIds(merged)).getEventsList();
    List<TimelineEvent> paged = new ArrayList<>();
    String token = "";
    do {
      ListCustomerFeedbackEventsResponse page = events(ListCustomerFeedbackEventsRequest.newBuilder()
          .addCustomerIds(primary).addCustomerIds(merged).setPageSize(1).setPageToken(token));
      paged.addAll(page.getEventsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    List<TimelineEvent> complaintsOnly = events(ListCustomerFeedbackEventsRequest.newBuilder()
        .addCustomerIds(primary).addCustomerIds(merged).setFilter(TimelineFilter.newBuilder().addKinds("complaint")))
        .getEventsList();

    assertThat(all).extracting(TimelineEvent::getKind).containsExactly("complaint.acknowledged", "complaint.filed",
        "followup.opened", "survey.response");
    assertThat(all).allMatch(e -> e.getSource() == TimelineSource.TIMELINE_SOURCE_FEEDBACK);
    assertThat(paged).isEqualTo(all);
    assertThat(complaintsOnly).extracting(TimelineEvent::getKind)
        .containsExactly("complaint.acknowledged", "complaint.filed");
    TimelineEvent response = all.get(3);
    assertThat(response.getCustomerId()).isEqualTo(merged);
    assertThat(response.getAttributesMap()).containsEntry("score", "2").containsEntry("survey_type", "NPS");
    assertThat(response.getSummary()).startsWith("NPS 2: Arrived late.");
    assertThat(response.getRelatedResourcesList()).anyMatch(r -> r.contains("/followUps/"));
    assertThat(all.get(1).getResource()).isEqualTo(complaint.getName());
  }

  @Test
  void aForeignOrAlteredPageTokenAndBadIdsAreRefused() throws Exception {
    String customer = newId();
    Survey csat = create(SurveyType.SURVEY_TYPE_CSAT);
    submit(customer, answer(csat, 5), Instant.now().minusSeconds(60));
    submit(customer, answer(csat, 4), Instant.now().minusSeconds(30));
    String token = events(ListCustomerFeedbackEventsRequest.newBuilder().addCustomerIds(customer).setPageSize(1))
        .getNextPageToken();

    assertThat(token).isNotEmpty();
    assertFailure(failure(() -> events(ListCustomerFeedbackEventsRequest.newBuilder().addCustomerIds(newId())
        .setPageToken(token))), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertFailure(failure(() -> events(ListCustomerFeedbackEventsRequest.newBuilder().addCustomerIds(customer)
        .setPageToken(token.substring(1)))), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertFailure(failure(() -> events(ListCustomerFeedbackEventsRequest.newBuilder().addCustomerIds("{\"$ne\":1}"))),
        Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertFailure(failure(() -> events(ListCustomerFeedbackEventsRequest.newBuilder())),
        Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
  }

  @Test
  void theCardShowsTheLatestAnswersTheirTrendAndWhatIsStillOpenOverMergedIds() {
    String primary = newId();
    String merged = newId();
    Survey nps = create(SurveyType.SURVEY_TYPE_NPS);
    Instant now = Instant.now();
    submit(merged, answer(nps, 8), now.minusSeconds(7200));
    SurveyResponse latest = submit(primary, answer(nps, 3).setComment("Still waiting."), now.minusSeconds(60));
    submit(primary, answer(nps, 0).clearScore(), now.minusSeconds(30));
    Complaint open = file(merged);

    CustomerFeedbackSummary card = platform().getCustomerFeedbackSummary(GetCustomerFeedbackSummaryRequest.newBuilder()
        .addCustomerIds(primary).addCustomerIds(merged).build()).getCustomerFeedbackSummary();
    CustomerFeedbackSummary nobody = platform().getCustomerFeedbackSummary(GetCustomerFeedbackSummaryRequest
        .newBuilder().addCustomerIds(newId()).build()).getCustomerFeedbackSummary();

    assertThat(card.getNps().getLatestResponse()).isEqualTo(latest);
    assertThat(card.getNps().getRecentScoresList()).extracting(p -> p.getScore()).containsExactly(8, 3);
    assertThat(card.getNps().getDirection()).isEqualTo(TrendDirection.TREND_DIRECTION_DECLINING);
    assertThat(card.getCsat().hasLatestResponse()).isFalse();
    assertThat(card.getResponseCount()).isEqualTo(3);
    assertThat(card.getLastSurveyTime().getSeconds()).isEqualTo(now.minusSeconds(30).getEpochSecond());
    assertThat(card.getComplaintCount()).isEqualTo(1);
    assertThat(card.getOpenComplaintCount()).isEqualTo(1);
    assertThat(card.getOpenComplaints(0).getComplaint()).isEqualTo(open);
    assertThat(card.getOpenComplaints(0).getOverdue()).isFalse();
    assertThat(card.getOpenFollowUpCount()).isEqualTo(1);
    assertThat(card.getOpenFollowUps(0).getFollowUp().getResponse()).isEqualTo(latest.getName());
    assertThat(card.getOpenFollowUps(0).hasAge()).isTrue();
    assertThat(nobody.getResponseCount()).isZero();
    assertThat(nobody.getOpenComplaintsList()).isEmpty();
  }

  @Test
  void withoutProfileServiceEligibilityIsRefusedWithTheReasonNeverAnError() {
    String customer = newId();
    Survey nps = create(SurveyType.SURVEY_TYPE_NPS);
    submit(customer, answer(nps, 9), Instant.now().minusSeconds(60));

    CheckSurveyEligibilityResponse answer = feedback.checkSurveyEligibility(CheckSurveyEligibilityRequest.newBuilder()
        .setCustomer("customers/" + customer).setChannel(cx.common.v1.Channel.CHANNEL_EMAIL)
        .setSurvey(nps.getName()).build());

    assertThat(answer.getEligible()).isFalse();
    assertThat(answer.getReasonsList()).containsExactly(IneligibilityReason.INELIGIBILITY_REASON_QUIET_PERIOD,
        IneligibilityReason.INELIGIBILITY_REASON_CONSENT_SERVICE_UNAVAILABLE);
    assertThat(answer.getQuietPeriod().getSeconds()).isEqualTo(30L * 24 * 3600);
    assertThat(answer.hasQuietPeriodEndTime()).isTrue();
  }

  @Test
  void anExportHoldsEveryRecordPageByPageWithTheQuestionsAnswered() {
    String customer = newId();
    Survey nps = create(SurveyType.SURVEY_TYPE_NPS);
    SurveyResponse response = submit(customer, answer(nps, 1), Instant.now().minusSeconds(60));
    Complaint complaint = file(customer);

    List<ExportCustomerDataResponse> pages = new ArrayList<>();
    String token = "";
    do {
      pages.add(platform().exportCustomerData(ExportCustomerDataRequest.newBuilder().addCustomerIds(customer)
          .setPrivacyRequest("privacyRequests/p-" + customer).setPageSize(2).setPageToken(token).build()));
      token = pages.get(pages.size() - 1).getNextPageToken();
    } while (!token.isEmpty());

    assertThat(pages).hasSize(2);
    assertThat(pages.get(0).getSurveyResponsesList()).containsExactly(response);
    assertThat(pages.get(0).getSurveysList()).extracting(Survey::getName).containsExactly(nps.getName());
    assertThat(pages.get(0).getComplaintsList()).containsExactly(complaint);
    assertThat(pages.get(1).getFollowUpsList()).extracting(f -> f.getName()).containsExactly(response.getFollowUp());
    assertThat(pages.get(0).getDispositionsList()).extracting(d -> d.getRecordType() + "=" + d.getRecordCount())
        .containsExactly("survey_response=1", "complaint=1", "follow_up=0", "survey=1");
  }

  @Test
  void anErasureRemovesThePersonalTextKeepsTheCountsAndIsIdempotentOnItsRequest() throws Exception {
    String customer = newId();
    Survey nps = create(SurveyType.SURVEY_TYPE_NPS);
    SurveyResponse response = submit(customer, answer(nps, 1), Instant.now().minusSeconds(60));
    Complaint complaint = file(customer);
    GetScoreSummaryRequest scores = GetScoreSummaryRequest.newBuilder().addSurveys(nps.getName()).build();
    var before = feedback.getScoreSummary(scores).getTotals();
    EraseCustomerRequest erase = EraseCustomerRequest.newBuilder().addCustomerIds(customer)
        .setPrivacyRequest("privacyRequests/e-" + customer).build();

    EraseCustomerResponse receipt = platform().eraseCustomer(erase);
    EraseCustomerResponse repeated = platform().eraseCustomer(erase);

    assertThat(repeated).isEqualTo(receipt);
    assertThat(receipt.getDispositionsList()).extracting(d -> d.getRecordType() + "=" + d.getRecordCount())
        .contains("survey_response=1", "survey_response_text=1", "complaint=1", "complaint_text=1", "follow_up=1",
            "timeline_event=3");
    assertThat(feedback.getScoreSummary(scores).getTotals()).isEqualTo(before);
    assertFailure(failure(() -> feedback.getResponse(GetResponseRequest.newBuilder().setName(response.getName())
        .build())), Status.Code.NOT_FOUND, "RESOURCE_NOT_FOUND");
    assertFailure(failure(() -> feedback.getComplaint(GetComplaintRequest.newBuilder().setName(complaint.getName())
        .build())), Status.Code.NOT_FOUND, "RESOURCE_NOT_FOUND");
    assertThat(events(ListCustomerFeedbackEventsRequest.newBuilder().addCustomerIds(customer)).getEventsList())
        .isEmpty();
    assertThat(platform().getCustomerFeedbackSummary(GetCustomerFeedbackSummaryRequest.newBuilder()
        .addCustomerIds(customer).build()).getCustomerFeedbackSummary().getResponseCount()).isZero();
    assertThat(platform().exportCustomerData(ExportCustomerDataRequest.newBuilder().addCustomerIds(customer)
        .setPrivacyRequest("privacyRequests/after").build()).getSurveyResponsesList()).isEmpty();
  }

  /** The stub calling as an admin, who alone manages surveys. */
  private FeedbackServiceBlockingStub admin() {
    return TestCallers.admin(feedback, tokens);
  }

  /** The stub calling as a platform service, for the internal RPCs. */
  private FeedbackServiceBlockingStub platform() {
    return TestCallers.service(feedback, tokens);
  }
}
