package cx.feedback.api;

import cx.feedback.domain.Complaint;
import cx.feedback.domain.ComplaintDesk;
import cx.feedback.domain.ComplaintTransition;
import cx.feedback.domain.ResponseRecorder;
import cx.feedback.domain.SubmittedResponse;
import cx.feedback.domain.SurveyCatalogue;
import cx.feedback.v1.AcknowledgeComplaintRequest;
import cx.feedback.v1.AcknowledgeComplaintResponse;
import cx.feedback.v1.CloseComplaintRequest;
import cx.feedback.v1.CloseComplaintResponse;
import cx.feedback.v1.CreateSurveyRequest;
import cx.feedback.v1.CreateSurveyResponse;
import cx.feedback.v1.FeedbackServiceGrpc;
import cx.feedback.v1.FileComplaintRequest;
import cx.feedback.v1.FileComplaintResponse;
import cx.feedback.v1.GetComplaintRequest;
import cx.feedback.v1.GetComplaintResponse;
import cx.feedback.v1.GetFollowUpRequest;
import cx.feedback.v1.GetFollowUpResponse;
import cx.feedback.v1.GetResponseRequest;
import cx.feedback.v1.GetResponseResponse;
import cx.feedback.v1.GetSurveyRequest;
import cx.feedback.v1.GetSurveyResponse;
import cx.feedback.v1.ReopenComplaintRequest;
import cx.feedback.v1.ReopenComplaintResponse;
import cx.feedback.v1.ResolveComplaintRequest;
import cx.feedback.v1.ResolveComplaintResponse;
import cx.feedback.v1.StartComplaintWorkRequest;
import cx.feedback.v1.StartComplaintWorkResponse;
import cx.feedback.v1.SubmitResponseRequest;
import cx.feedback.v1.SubmitResponseResponse;
import cx.runtime.idempotency.IdempotencyKeys;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import org.springframework.stereotype.Service;

/**
 * The gRPC face of feedback-service: maps requests to the domain and results back. Failures
 * thrown here are mapped to statuses by the service runtime's failure handler. Methods not
 * overridden here answer UNIMPLEMENTED.
 */
@Service
public class FeedbackGrpcService extends FeedbackServiceGrpc.FeedbackServiceImplBase {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private final SurveyCatalogue surveys;
  private final ResponseRecorder responses;
  private final ComplaintDesk complaints;
  private final IdempotencyKeys idempotencyKeys;

  public FeedbackGrpcService(SurveyCatalogue surveys, ResponseRecorder responses, ComplaintDesk complaints,
      IdempotencyKeys idempotencyKeys) {
    this.surveys = surveys;
    this.responses = responses;
    this.complaints = complaints;
    this.idempotencyKeys = idempotencyKeys;
  }

  /**
   * Creates a survey definition. With a {@code request_id}, retries return the first survey and
   * create nothing more.
   */
  @Override
  public void createSurvey(CreateSurveyRequest request, StreamObserver<CreateSurveyResponse> response) {
    var definition = SurveyMessages.toNewSurvey(request.getSurvey());
    String id = request.getRequestId().isEmpty()
        ? newId()
        : idempotencyKeys.reserve("CreateSurvey", "request_id", request.getRequestId(),
            IdempotencyKeys.fingerprint(request.toBuilder().clearRequestId().build().toByteArray()),
            FeedbackGrpcService::newId).resourceId();
    var created = surveys.create(id, definition);
    response.onNext(CreateSurveyResponse.newBuilder().setSurvey(SurveyMessages.toMessage(created)).build());
    response.onCompleted();
  }

  /** Returns one survey definition by name. */
  @Override
  public void getSurvey(GetSurveyRequest request, StreamObserver<GetSurveyResponse> response) {
    var survey = surveys.get(ResourceNames.surveyId(request.getName(), "name"));
    response.onNext(GetSurveyResponse.newBuilder().setSurvey(SurveyMessages.toMessage(survey)).build());
    response.onCompleted();
  }

  /**
   * Records a customer's answer to a survey, idempotently on (customer, survey, touchpoint
   * reference), and opens a follow-up case for a detractor NPS or dissatisfied CSAT answer.
   */
  @Override
  public void submitResponse(SubmitResponseRequest request, StreamObserver<SubmitResponseResponse> response) {
    String customerId = ResourceNames.customerId(request.getParent(), "parent");
    SubmittedResponse submitted = responses.submit(ResponseMessages.toAnswer(customerId, request.getSurveyResponse()));
    response.onNext(SubmitResponseResponse.newBuilder()
        .setSurveyResponse(ResponseMessages.toMessage(submitted.response()))
        .setAlreadySubmitted(submitted.alreadySubmitted())
        .build());
    response.onCompleted();
  }

  /** Returns one survey response by name. */
  @Override
  public void getResponse(GetResponseRequest request, StreamObserver<GetResponseResponse> response) {
    var name = ResourceNames.customerChild(request.getName(), "responses", "name");
    var found = responses.get(name.customerId(), name.id());
    response.onNext(GetResponseResponse.newBuilder().setSurveyResponse(ResponseMessages.toMessage(found)).build());
    response.onCompleted();
  }

  /** Returns one follow-up case by name. */
  @Override
  public void getFollowUp(GetFollowUpRequest request, StreamObserver<GetFollowUpResponse> response) {
    var name = ResourceNames.customerChild(request.getName(), "followUps", "name");
    var found = responses.getFollowUp(name.customerId(), name.id());
    response.onNext(GetFollowUpResponse.newBuilder().setFollowUp(ResponseMessages.toMessage(found)).build());
    response.onCompleted();
  }

  /**
   * Files a complaint, OPEN with a "filed" update. With a {@code request_id}, retries return the
   * first complaint and file nothing more.
   */
  @Override
  public void fileComplaint(FileComplaintRequest request, StreamObserver<FileComplaintResponse> response) {
    String customerId = ResourceNames.customerId(request.getParent(), "parent");
    var complaint = ComplaintMessages.toNewComplaint(customerId, request.getComplaint());
    String id = request.getRequestId().isEmpty()
        ? newId()
        : idempotencyKeys.reserve("FileComplaint", "request_id", request.getRequestId(),
            IdempotencyKeys.fingerprint(request.toBuilder().clearRequestId().build().toByteArray()),
            FeedbackGrpcService::newId).resourceId();
    Complaint filed = complaints.file(id, complaint, Callers.current());
    response.onNext(FileComplaintResponse.newBuilder().setComplaint(ComplaintMessages.toMessage(filed)).build());
    response.onCompleted();
  }

  /** Returns one complaint with its full history. */
  @Override
  public void getComplaint(GetComplaintRequest request, StreamObserver<GetComplaintResponse> response) {
    var name = ResourceNames.customerChild(request.getName(), "complaints", "name");
    var found = complaints.get(name.customerId(), name.id());
    response.onNext(GetComplaintResponse.newBuilder().setComplaint(ComplaintMessages.toMessage(found)).build());
    response.onCompleted();
  }

  /** Acknowledges a complaint: OPEN to ACKNOWLEDGED. */
  @Override
  public void acknowledgeComplaint(AcknowledgeComplaintRequest request,
      StreamObserver<AcknowledgeComplaintResponse> response) {
    var moved = move(request.getName(), ComplaintTransition.ACKNOWLEDGE, request.getExpectedVersion(),
        request.getNote());
    response.onNext(AcknowledgeComplaintResponse.newBuilder().setComplaint(moved).build());
    response.onCompleted();
  }

  /** Starts work on a complaint: ACKNOWLEDGED to IN_PROGRESS. */
  @Override
  public void startComplaintWork(StartComplaintWorkRequest request,
      StreamObserver<StartComplaintWorkResponse> response) {
    var moved = move(request.getName(), ComplaintTransition.START_WORK, request.getExpectedVersion(),
        request.getNote());
    response.onNext(StartComplaintWorkResponse.newBuilder().setComplaint(moved).build());
    response.onCompleted();
  }

  /** Resolves a complaint: IN_PROGRESS to RESOLVED, with the resolution as a required note. */
  @Override
  public void resolveComplaint(ResolveComplaintRequest request, StreamObserver<ResolveComplaintResponse> response) {
    var moved = move(request.getName(), ComplaintTransition.RESOLVE, request.getExpectedVersion(),
        request.getNote());
    response.onNext(ResolveComplaintResponse.newBuilder().setComplaint(moved).build());
    response.onCompleted();
  }

  /** Reopens a resolved complaint: RESOLVED to IN_PROGRESS, with a required note saying why. */
  @Override
  public void reopenComplaint(ReopenComplaintRequest request, StreamObserver<ReopenComplaintResponse> response) {
    var moved = move(request.getName(), ComplaintTransition.REOPEN, request.getExpectedVersion(),
        request.getNote());
    response.onNext(ReopenComplaintResponse.newBuilder().setComplaint(moved).build());
    response.onCompleted();
  }

  /** Closes a resolved complaint for good: RESOLVED to CLOSED. */
  @Override
  public void closeComplaint(CloseComplaintRequest request, StreamObserver<CloseComplaintResponse> response) {
    var moved = move(request.getName(), ComplaintTransition.CLOSE, request.getExpectedVersion(), request.getNote());
    response.onNext(CloseComplaintResponse.newBuilder().setComplaint(moved).build());
    response.onCompleted();
  }

  private cx.feedback.v1.Complaint move(String complaintName, ComplaintTransition transition, long expectedVersion,
      String note) {
    var name = ResourceNames.customerChild(complaintName, "complaints", "name");
    return ComplaintMessages.toMessage(complaints.move(name.customerId(), name.id(), transition, expectedVersion,
        Callers.current(), note, "note"));
  }

  /** A new random id: 16 characters, about 80 bits, no look-alike characters. */
  static String newId() {
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
    }
    return new String(id);
  }
}
