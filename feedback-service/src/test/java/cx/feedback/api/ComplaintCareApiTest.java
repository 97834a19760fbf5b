package cx.feedback.api;

import static cx.feedback.api.FeedbackApiTest.answer;
import static cx.feedback.api.FeedbackApiTest.assertFailure;
import static cx.feedback.api.FeedbackApiTest.complaint;
import static cx.feedback.api.FeedbackApiTest.newCustomer;
import static cx.feedback.api.FeedbackApiTest.survey;
import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import cx.common.v1.Channel;
import cx.feedback.v1.AcknowledgeComplaintRequest;
import cx.feedback.v1.AddComplaintNoteRequest;
import cx.feedback.v1.CloseComplaintRequest;
import cx.feedback.v1.CloseFollowUpRequest;
import cx.feedback.v1.Complaint;
import cx.feedback.v1.ComplaintCategory;
import cx.feedback.v1.ComplaintSeverity;
import cx.feedback.v1.ComplaintStats;
import cx.feedback.v1.ComplaintUpdateKind;
import cx.feedback.v1.CreateSurveyRequest;
import cx.feedback.v1.FeedbackServiceGrpc.FeedbackServiceBlockingStub;
import cx.feedback.v1.FileComplaintRequest;
import cx.feedback.v1.FollowUp;
import cx.feedback.v1.FollowUpOutcome;
import cx.feedback.v1.FollowUpState;
import cx.feedback.v1.GetComplaintRequest;
import cx.feedback.v1.GetComplaintStatsRequest;
import cx.feedback.v1.RateComplaintResolutionRequest;
import cx.feedback.v1.ResolutionRating;
import cx.feedback.v1.ResolveComplaintRequest;
import cx.feedback.v1.StartComplaintWorkRequest;
import cx.feedback.v1.SubmitResponseRequest;
import cx.feedback.v1.Survey;
import cx.feedback.v1.SurveyType;
import cx.feedback.v1.UpdateComplaintRequest;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.TestCallers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Caring for complaints and follow-up cases through the generated stub: notes, triage, ratings,
 * closing follow-ups, and the statistics over them.
 */
abstract class ComplaintCareApiTest {

  @Autowired
  FeedbackServiceBlockingStub feedback;

  @Autowired
  CallerTokens tokens;

  Complaint file(String customer, Complaint.Builder complaint) {
    return feedback.fileComplaint(FileComplaintRequest.newBuilder().setParent(customer)
        .setRequestId(UUID.randomUUID().toString()).setComplaint(complaint).build()).getComplaint();
  }

  Complaint resolved(Complaint.Builder complaint) {
    String name = file(newCustomer(), complaint).getName();
    feedback.acknowledgeComplaint(AcknowledgeComplaintRequest.newBuilder().setName(name).build());
    feedback.startComplaintWork(StartComplaintWorkRequest.newBuilder().setName(name).build());
    return feedback.resolveComplaint(ResolveComplaintRequest.newBuilder().setName(name).setNote("Refunded").build())
        .getComplaint();
  }

  Complaint rate(String name, int score, String comment) {
    return feedback.rateComplaintResolution(RateComplaintResolutionRequest.newBuilder().setName(name)
        .setRating(ResolutionRating.newBuilder().setScore(score).setComment(comment)).build()).getComplaint();
  }

  String followUpOf(Channel channel) {
    Survey survey = admin().createSurvey(CreateSurveyRequest.newBuilder()
        .setSurvey(survey(SurveyType.SURVEY_TYPE_NPS)).build()).getSurvey();
    return feedback.submitResponse(SubmitResponseRequest.newBuilder().setParent(newCustomer())
        .setSurveyResponse(answer(survey, 2).setChannel(channel)).build()).getSurveyResponse().getFollowUp();
  }

  @Test
  void aNoteKeepsTheStateAndCountsAsTheFirstResponse() {
    Complaint filed = file(newCustomer(), complaint());

    Complaint noted = feedback.addComplaintNote(AddComplaintNoteRequest.newBuilder().setName(filed.getName())
        .setExpectedVersion(1).setNote("We are looking into it.").build()).getComplaint();

    assertThat(noted.getState()).isEqualTo(filed.getState());
    assertThat(noted.getUpdatesList()).last().satisfies(u -> {
      assertThat(u.getKind()).isEqualTo(ComplaintUpdateKind.COMPLAINT_UPDATE_KIND_NOTE);
      assertThat(u.getNote()).isEqualTo("We are looking into it.");
    });
    assertThat(noted.hasFirstResponseDuration()).isTrue();
    assertThat(noted).isEqualTo(feedback.getComplaint(GetComplaintRequest.newBuilder().setName(filed.getName())
        .build()).getComplaint());
  }

  @Test
  void aMissingNoteAStaleVersionAndAClosedComplaintAreRefused() throws Exception {
    Complaint filed = file(newCustomer(), complaint());
    Complaint closed = resolved(complaint());
    feedback.closeComplaint(CloseComplaintRequest.newBuilder().setName(closed.getName()).build());

    StatusRuntimeException missing = failure(() -> feedback.addComplaintNote(AddComplaintNoteRequest.newBuilder()
        .setName(filed.getName()).build()));
    StatusRuntimeException stale = failure(() -> feedback.addComplaintNote(AddComplaintNoteRequest.newBuilder()
        .setName(filed.getName()).setNote("x").setExpectedVersion(7).build()));
    StatusRuntimeException onClosed = failure(() -> feedback.addComplaintNote(AddComplaintNoteRequest.newBuilder()
        .setName(closed.getName()).setNote("x").build()));

    assertFailure(missing, Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertThat(violatedFields(missing)).containsExactly("note");
    assertFailure(stale, Status.Code.ABORTED, "VERSION_CONFLICT");
    assertThat(errorInfo(stale).getMetadataMap()).containsEntry("version", "1");
    assertFailure(onClosed, Status.Code.FAILED_PRECONDITION, "INVALID_COMPLAINT_STATE");
  }

  @Test
  void aResolutionIsRatedOnceARetryChangesNothingAndAnotherRatingIsRefused() throws Exception {
    Complaint complaint = resolved(complaint());

    Complaint rated = rate(complaint.getName(), 9, "Fast and friendly.");
    Complaint retried = rate(complaint.getName(), 9, "Fast and friendly.");
    StatusRuntimeException different = failure(() -> rate(complaint.getName(), 2, ""));
    StatusRuntimeException outOfRange = failure(() -> rate(complaint.getName(), 11, ""));
    StatusRuntimeException unresolved = failure(() -> rate(file(newCustomer(), complaint()).getName(), 5, ""));

    assertThat(rated.getResolutionRating().getScore()).isEqualTo(9);
    assertThat(rated.getResolutionRating().hasRateTime()).isTrue();
    assertThat(rated.getUpdatesList()).last().extracting(u -> u.getKind())
        .isEqualTo(ComplaintUpdateKind.COMPLAINT_UPDATE_KIND_RATED);
    assertThat(retried).isEqualTo(rated);
    assertFailure(different, Status.Code.FAILED_PRECONDITION, "ALREADY_RATED");
    assertFailure(outOfRange, Status.Code.INVALID_ARGUMENT, "SCORE_OUT_OF_RANGE");
    assertFailure(unresolved, Status.Code.FAILED_PRECONDITION, "INVALID_COMPLAINT_STATE");
  }

  @Test
  void anUpdateChangesOnlyTheMaskedFieldsAndASeverityMovesTheResolveByTime() throws Exception {
    Complaint filed = file(newCustomer(), complaint());

    Complaint triaged = feedback.updateComplaint(UpdateComplaintRequest.newBuilder()
        .setComplaint(Complaint.newBuilder().setName(filed.getName())
            .setSeverity(ComplaintSeverity.COMPLAINT_SEVERITY_CRITICAL)
            .setCategory(ComplaintCategory.COMPLAINT_CATEGORY_BILLING)
            .setDescription("Rewritten by the caller"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("severity")).setNote("Customer is stranded.").build())
        .getComplaint();

    assertThat(triaged.getSeverity()).isEqualTo(ComplaintSeverity.COMPLAINT_SEVERITY_CRITICAL);
    assertThat(triaged.getCategory()).isEqualTo(filed.getCategory());
    assertThat(triaged.getDescription()).isEqualTo(filed.getDescription());
    // HIGH is 3 days by default, CRITICAL 1 day: the deadline moves two days earlier.
    assertThat(filed.getResolveByTime().getSeconds() - triaged.getResolveByTime().getSeconds())
        .isEqualTo(2 * 24 * 3600);
    assertThat(triaged.getUpdatesList()).last().extracting(u -> u.getKind())
        .isEqualTo(ComplaintUpdateKind.COMPLAINT_UPDATE_KIND_TRIAGED);

    for (String path : new String[] {"description", "state", "*"}) {
      StatusRuntimeException e = failure(() -> feedback.updateComplaint(UpdateComplaintRequest.newBuilder()
          .setComplaint(Complaint.newBuilder().setName(filed.getName()))
          .setUpdateMask(FieldMask.newBuilder().addPaths(path)).build()));
      assertFailure(e, Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
      assertThat(violatedFields(e)).containsExactly("update_mask");
    }
    assertFailure(failure(() -> feedback.updateComplaint(UpdateComplaintRequest.newBuilder()
        .setComplaint(Complaint.newBuilder().setName(filed.getName())).build())),
        Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
  }

  @Test
  void aFollowUpIsClosedOnceWithItsOutcomeButNeverAsEscalated() throws Exception {
    String followUp = followUpOf(Channel.CHANNEL_EMAIL);

    StatusRuntimeException escalated = failure(() -> feedback.closeFollowUp(CloseFollowUpRequest.newBuilder()
        .setName(followUp).setOutcome(FollowUpOutcome.FOLLOW_UP_OUTCOME_ESCALATED_TO_COMPLAINT).build()));
    FollowUp closed = feedback.closeFollowUp(CloseFollowUpRequest.newBuilder().setName(followUp)
        .setOutcome(FollowUpOutcome.FOLLOW_UP_OUTCOME_RESOLVED).setNote("Called back, voucher sent.")
        .setExpectedVersion(1).build()).getFollowUp();
    StatusRuntimeException again = failure(() -> feedback.closeFollowUp(CloseFollowUpRequest.newBuilder()
        .setName(followUp).setOutcome(FollowUpOutcome.FOLLOW_UP_OUTCOME_NO_ACTION_NEEDED).build()));

    assertFailure(escalated, Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertThat(closed.getState()).isEqualTo(FollowUpState.FOLLOW_UP_STATE_CLOSED);
    assertThat(closed.getOutcome()).isEqualTo(FollowUpOutcome.FOLLOW_UP_OUTCOME_RESOLVED);
    assertThat(closed.getCloseNote()).isEqualTo("Called back, voucher sent.");
    assertThat(closed.hasCloseDuration()).isTrue();
    assertFailure(again, Status.Code.FAILED_PRECONDITION, "INVALID_FOLLOW_UP_STATE");
    assertThat(errorInfo(again).getMetadataMap()).containsEntry("state", "CLOSED");
  }

  @Test
  void statisticsCountTheComplaintsAndFollowUpsOfTheirFilter() {
    Complaint.Builder marketplace = complaint().setChannel(Channel.CHANNEL_MARKETPLACE)
        .setCategory(ComplaintCategory.COMPLAINT_CATEGORY_PRIVACY).setSeverity(ComplaintSeverity.COMPLAINT_SEVERITY_LOW);
    Complaint first = resolved(marketplace);
    resolved(marketplace);
    file(newCustomer(), marketplace);
    rate(first.getName(), 10, "");
    String openFollowUp = followUpOf(Channel.CHANNEL_MARKETPLACE);
    feedback.closeFollowUp(CloseFollowUpRequest.newBuilder().setName(followUpOf(Channel.CHANNEL_MARKETPLACE))
        .setOutcome(FollowUpOutcome.FOLLOW_UP_OUTCOME_CUSTOMER_UNREACHABLE).build());

    ComplaintStats stats = feedback.getComplaintStats(GetComplaintStatsRequest.newBuilder()
        .addChannels(Channel.CHANNEL_MARKETPLACE).addCategories(ComplaintCategory.COMPLAINT_CATEGORY_PRIVACY)
        .build()).getComplaintStats();

    assertThat(openFollowUp).isNotEmpty();
    assertThat(stats.getComplaintCount()).isEqualTo(3);
    assertThat(stats.getOpenCount()).isEqualTo(1);
    assertThat(stats.getResolvedCount()).isEqualTo(2);
    assertThat(stats.hasMedianResolutionDuration()).isTrue();
    assertThat(stats.getBySeverityList()).hasSize(4);
    assertThat(stats.getBySeverity(0).getComplaintCount()).isEqualTo(3);
    assertThat(stats.getBySeverity(0).getWithinSlaCount()).isEqualTo(2);
    assertThat(stats.getBySeverity(0).getWithinSlaPercent()).isEqualTo(100.0);
    assertThat(stats.getResolutionRating().getRatingCount()).isEqualTo(1);
    assertThat(stats.getResolutionRating().getWellHandledPercent()).isEqualTo(100.0);
    assertThat(stats.getResolutionRating().getDistributionList()).hasSize(11);
    assertThat(stats.getFollowUps().getFollowUpCount()).isEqualTo(2);
    assertThat(stats.getFollowUps().getOpenCount()).isEqualTo(1);
    assertThat(stats.getFollowUps().getClosedCount()).isEqualTo(1);
    assertThat(stats.getFollowUps().hasMeanCloseDuration()).isTrue();
    assertThat(stats.getFollowUps().hasOldestOpenAge()).isTrue();
  }

  /** The stub calling as an admin, who alone manages surveys. */
  private FeedbackServiceBlockingStub admin() {
    return TestCallers.admin(feedback, tokens);
  }
}
