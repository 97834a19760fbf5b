package cx.feedback.api;

import static cx.feedback.api.FeedbackApiTest.answer;
import static cx.feedback.api.FeedbackApiTest.assertFailure;
import static cx.feedback.api.FeedbackApiTest.complaint;
import static cx.feedback.api.FeedbackApiTest.newCustomer;
import static cx.feedback.api.FeedbackApiTest.survey;
import static cx.runtime.testing.GrpcCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import cx.feedback.v1.Complaint;
import cx.feedback.v1.ComplaintState;
import cx.feedback.v1.CreateSurveyRequest;
import cx.feedback.v1.DeleteSurveyRequest;
import cx.feedback.v1.FeedbackServiceGrpc.FeedbackServiceBlockingStub;
import cx.feedback.v1.FileComplaintRequest;
import cx.feedback.v1.FollowUpState;
import cx.feedback.v1.GetSurveyRequest;
import cx.feedback.v1.ListComplaintsRequest;
import cx.feedback.v1.ListFollowUpsRequest;
import cx.feedback.v1.ListResponsesRequest;
import cx.feedback.v1.ListResponsesResponse;
import cx.feedback.v1.ListSurveysRequest;
import cx.feedback.v1.ScoreBand;
import cx.feedback.v1.SubmitResponseRequest;
import cx.feedback.v1.Survey;
import cx.feedback.v1.SurveyResponse;
import cx.feedback.v1.SurveyType;
import cx.feedback.v1.Touchpoint;
import cx.feedback.v1.UpdateSurveyRequest;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.TestCallers;
import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The paged lists and survey administration through the generated stub. */
abstract class ListingApiTest {

  @Autowired
  FeedbackServiceBlockingStub feedback;

  @Autowired
  CallerTokens tokens;

  Survey create(Survey.Builder survey) {
    return admin().createSurvey(CreateSurveyRequest.newBuilder().setSurvey(survey).build()).getSurvey();
  }

  SurveyResponse submit(String customer, SurveyResponse.Builder answer, Instant respondTime) {
    return feedback.submitResponse(SubmitResponseRequest.newBuilder().setParent(customer).setSurveyResponse(
        answer.setRespondTime(Timestamp.newBuilder().setSeconds(respondTime.getEpochSecond()))).build())
        .getSurveyResponse();
  }

  @Test
  void aCustomersResponsesComeNewestFirstPageByPageExactlyOnce() throws Exception {
    Survey nps = create(survey(SurveyType.SURVEY_TYPE_NPS));
    String customer = newCustomer();
    Instant now = Instant.now();
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      newestFirst.add(0, submit(customer, answer(nps, 9 - i), now.minusSeconds(600 - i * 60L)).getName());
    }

    List<String> paged = new ArrayList<>();
    String token = "";
    do {
      ListResponsesResponse page = feedback.listResponses(ListResponsesRequest.newBuilder().setParent(customer)
          .setPageSize(2).setPageToken(token).build());
      assertThat(page.getSurveyResponsesCount()).isLessThanOrEqualTo(2);
      page.getSurveyResponsesList().forEach(r -> paged.add(r.getName()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    String firstToken = feedback.listResponses(ListResponsesRequest.newBuilder().setParent(customer).setPageSize(2)
        .build()).getNextPageToken();
    List<SurveyResponse> detractors = feedback.listResponses(ListResponsesRequest.newBuilder().setParent(customer)
        .addBands(ScoreBand.SCORE_BAND_DETRACTOR).build()).getSurveyResponsesList();

    assertThat(paged).isEqualTo(newestFirst);
    assertThat(detractors).extracting(SurveyResponse::getScore).containsExactly(5, 6);
    assertFailure(failure(() -> feedback.listResponses(ListResponsesRequest.newBuilder().setParent(customer)
        .addBands(ScoreBand.SCORE_BAND_PROMOTER).setPageToken(firstToken).build())),
        Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertFailure(failure(() -> feedback.listResponses(ListResponsesRequest.newBuilder().setParent(customer)
        .setPageSize(-1).build())), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertFailure(failure(() -> feedback.listResponses(ListResponsesRequest.newBuilder()
        .setParent("customers/$where").build())), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
  }

  @Test
  void complaintsAndFollowUpsListInTheAskedOrderWithTheirFilters() {
    String customer = newCustomer();
    List<String> filed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      filed.add(feedback.fileComplaint(FileComplaintRequest.newBuilder().setParent(customer)
          .setComplaint(complaint()).build()).getComplaint().getName());
    }
    Survey csat = create(survey(SurveyType.SURVEY_TYPE_CSAT));
    submit(customer, answer(csat, 1), Instant.now().minusSeconds(5));

    List<Complaint> oldestFirst = feedback.listComplaints(ListComplaintsRequest.newBuilder().setParent(customer)
        .setOldestFirst(true).addStates(ComplaintState.COMPLAINT_STATE_OPEN).build()).getComplaintsList();
    List<Complaint> closed = feedback.listComplaints(ListComplaintsRequest.newBuilder().setParent(customer)
        .addStates(ComplaintState.COMPLAINT_STATE_CLOSED).build()).getComplaintsList();
    var everyones = feedback.listComplaints(ListComplaintsRequest.newBuilder().setParent("customers/-")
        .setPageSize(1).build());
    var followUps = feedback.listFollowUps(ListFollowUpsRequest.newBuilder().setParent(customer)
        .addStates(FollowUpState.FOLLOW_UP_STATE_OPEN).build()).getFollowUpsList();

    assertThat(oldestFirst).extracting(Complaint::getName).isEqualTo(filed);
    assertThat(closed).isEmpty();
    assertThat(everyones.getComplaintsCount()).isEqualTo(1);
    assertThat(everyones.getNextPageToken()).isNotEmpty();
    assertThat(followUps).hasSize(1);
    assertThat(followUps.get(0).getScore()).isEqualTo(1);
  }

  @Test
  void surveysListNewestFirstAndActiveOnlyLeavesOutEndedOnes() {
    Survey ended = create(survey(SurveyType.SURVEY_TYPE_CES).setTouchpoint(Touchpoint.TOUCHPOINT_AFTER_STORE_VISIT)
        .setEndTime(Timestamp.newBuilder().setSeconds(Instant.now().minusSeconds(60).getEpochSecond())));
    Survey active = create(survey(SurveyType.SURVEY_TYPE_CES).setTouchpoint(Touchpoint.TOUCHPOINT_AFTER_STORE_VISIT));

    List<String> all = feedback.listSurveys(ListSurveysRequest.newBuilder().addSurveyTypes(SurveyType.SURVEY_TYPE_CES)
        .addTouchpoints(Touchpoint.TOUCHPOINT_AFTER_STORE_VISIT).build()).getSurveysList().stream()
        .map(Survey::getName).toList();
    List<String> activeOnly = feedback.listSurveys(ListSurveysRequest.newBuilder()
        .addTouchpoints(Touchpoint.TOUCHPOINT_AFTER_STORE_VISIT).setActiveOnly(true).build()).getSurveysList()
        .stream().map(Survey::getName).toList();

    assertThat(all).containsSubsequence(active.getName(), ended.getName());
    assertThat(activeOnly).contains(active.getName()).doesNotContain(ended.getName());
  }

  @Test
  void anUpdateChangesOnlyTheMaskedFieldsAndNeverTheTypeOrTouchpoint() throws Exception {
    Survey created = create(survey(SurveyType.SURVEY_TYPE_NPS));

    Survey updated = admin().updateSurvey(UpdateSurveyRequest.newBuilder()
        .setSurvey(created.toBuilder().setDisplayName("Renamed").setQuestion("Ignored: not in the mask"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).setExpectedVersion(1).build()).getSurvey();

    assertThat(updated.getDisplayName()).isEqualTo("Renamed");
    assertThat(updated.getQuestion()).isEqualTo(created.getQuestion());
    assertThat(updated.getVersion()).isEqualTo(2);
    assertThat(feedback.getSurvey(GetSurveyRequest.newBuilder().setName(created.getName()).build()).getSurvey())
        .isEqualTo(updated);
    for (String path : new String[] {"type", "touchpoint", "version", "*"}) {
      assertFailure(failure(() -> admin().updateSurvey(UpdateSurveyRequest.newBuilder().setSurvey(created)
          .setUpdateMask(FieldMask.newBuilder().addPaths(path)).build())),
          Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    }
    assertFailure(failure(() -> admin().updateSurvey(UpdateSurveyRequest.newBuilder().setSurvey(created)
        .setUpdateMask(FieldMask.newBuilder().addPaths("question")).setExpectedVersion(1).build())),
        Status.Code.ABORTED, "VERSION_CONFLICT");
  }

  @Test
  void onlyASurveyWithoutResponsesCanBeDeleted() throws Exception {
    Survey answered = create(survey(SurveyType.SURVEY_TYPE_CSAT));
    submit(newCustomer(), answer(answered, 4), Instant.now().minusSeconds(5));
    Survey unanswered = create(survey(SurveyType.SURVEY_TYPE_CSAT));

    assertFailure(failure(() -> admin().deleteSurvey(DeleteSurveyRequest.newBuilder().setName(answered.getName())
        .build())), Status.Code.FAILED_PRECONDITION, "SURVEY_HAS_RESPONSES");
    admin().deleteSurvey(DeleteSurveyRequest.newBuilder().setName(unanswered.getName()).setExpectedVersion(1)
        .build());
    assertFailure(failure(() -> feedback.getSurvey(GetSurveyRequest.newBuilder().setName(unanswered.getName())
        .build())), Status.Code.NOT_FOUND, "RESOURCE_NOT_FOUND");
  }

  /** The stub calling as an admin, who alone manages surveys. */
  private FeedbackServiceBlockingStub admin() {
    return TestCallers.admin(feedback, tokens);
  }
}
