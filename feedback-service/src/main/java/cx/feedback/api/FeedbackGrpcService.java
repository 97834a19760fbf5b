package cx.feedback.api;

import com.google.rpc.Code;
import cx.common.v1.TimelineSource;
import cx.feedback.domain.Answer;
import cx.feedback.domain.Complaint;
import cx.feedback.domain.ComplaintDesk;
import cx.feedback.domain.ComplaintStatistics;
import cx.feedback.domain.ComplaintTransition;
import cx.feedback.domain.CustomerFeedbackSummaries;
import cx.feedback.domain.FollowUpDesk;
import cx.feedback.domain.FollowUpOutcome;
import cx.feedback.domain.ResponseRecorder;
import cx.feedback.domain.ScoreAnalytics;
import cx.feedback.domain.SubmittedResponse;
import cx.feedback.domain.Survey;
import cx.feedback.domain.SurveyAdministration;
import cx.feedback.domain.SurveyCatalogue;
import cx.feedback.domain.SurveyEligibility;
import cx.feedback.domain.UpdateLimitException;
import cx.feedback.v1.AcknowledgeComplaintRequest;
import cx.feedback.v1.AcknowledgeComplaintResponse;
import cx.feedback.v1.AddComplaintNoteRequest;
import cx.feedback.v1.AddComplaintNoteResponse;
import cx.feedback.v1.BatchSubmitResponsesRequest;
import cx.feedback.v1.BatchSubmitResponsesResponse;
import cx.feedback.v1.CheckSurveyEligibilityRequest;
import cx.feedback.v1.CheckSurveyEligibilityResponse;
import cx.feedback.v1.CloseComplaintRequest;
import cx.feedback.v1.CloseComplaintResponse;
import cx.feedback.v1.CloseFollowUpRequest;
import cx.feedback.v1.CloseFollowUpResponse;
import cx.feedback.v1.CreateSurveyRequest;
import cx.feedback.v1.CreateSurveyResponse;
import cx.feedback.v1.DeleteSurveyRequest;
import cx.feedback.v1.DeleteSurveyResponse;
import cx.feedback.v1.EraseCustomerRequest;
import cx.feedback.v1.EraseCustomerResponse;
import cx.feedback.v1.ExportCustomerDataRequest;
import cx.feedback.v1.ExportCustomerDataResponse;
import cx.feedback.v1.FeedbackServiceGrpc;
import cx.feedback.v1.FileComplaintRequest;
import cx.feedback.v1.FileComplaintResponse;
import cx.feedback.v1.GetComplaintRequest;
import cx.feedback.v1.GetComplaintResponse;
import cx.feedback.v1.GetComplaintStatsRequest;
import cx.feedback.v1.GetComplaintStatsResponse;
import cx.feedback.v1.GetCustomerFeedbackSummaryRequest;
import cx.feedback.v1.GetCustomerFeedbackSummaryResponse;
import cx.feedback.v1.GetFollowUpRequest;
import cx.feedback.v1.GetFollowUpResponse;
import cx.feedback.v1.GetResponseRequest;
import cx.feedback.v1.GetResponseResponse;
import cx.feedback.v1.GetScoreSummaryRequest;
import cx.feedback.v1.GetScoreSummaryResponse;
import cx.feedback.v1.GetSurveyRequest;
import cx.feedback.v1.GetSurveyResponse;
import cx.feedback.v1.IneligibilityReason;
import cx.feedback.v1.ListComplaintsRequest;
import cx.feedback.v1.ListComplaintsResponse;
import cx.feedback.v1.ListCustomerFeedbackEventsRequest;
import cx.feedback.v1.ListCustomerFeedbackEventsResponse;
import cx.feedback.v1.ListFollowUpsRequest;
import cx.feedback.v1.ListFollowUpsResponse;
import cx.feedback.v1.ListResponsesRequest;
import cx.feedback.v1.ListResponsesResponse;
import cx.feedback.v1.ListSurveysRequest;
import cx.feedback.v1.ListSurveysResponse;
import cx.feedback.v1.RateComplaintResolutionRequest;
import cx.feedback.v1.RateComplaintResolutionResponse;
import cx.feedback.v1.ReopenComplaintRequest;
import cx.feedback.v1.ReopenComplaintResponse;
import cx.feedback.v1.ResolveComplaintRequest;
import cx.feedback.v1.ResolveComplaintResponse;
import cx.feedback.v1.StartComplaintWorkRequest;
import cx.feedback.v1.StartComplaintWorkResponse;
import cx.feedback.v1.SubmitResponseRequest;
import cx.feedback.v1.SubmitResponseResponse;
import cx.feedback.v1.UpdateComplaintRequest;
import cx.feedback.v1.UpdateComplaintResponse;
import cx.feedback.v1.UpdateSurveyRequest;
import cx.feedback.v1.UpdateSurveyResponse;
import cx.runtime.failure.BatchItems;
import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.DomainFailure;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.grpc.DomainFailureHandler;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.paging.PageTokens;
import cx.runtime.paging.TimelinePaging;
import cx.runtime.timeline.CustomerEventLog;
import cx.runtime.timeline.EventPage;
import cx.runtime.timeline.EventQuery;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
  private final ScoreAnalytics scores;
  private final FollowUpDesk followUps;
  private final ComplaintStatistics complaintStatistics;
  private final SurveyAdministration surveyAdministration;
  private final SurveyEligibility eligibility;
  private final PrivacyRpcs privacy;
  private final ListingRpcs listings;
  private final CustomerFeedbackSummaries summaries;
  private final CustomerEventLog events;
  private final TimelinePaging eventPaging;
  private final IdempotencyKeys idempotencyKeys;
  private final DomainFailureHandler failures;

  public FeedbackGrpcService(SurveyCatalogue surveys, ResponseRecorder responses, ComplaintDesk complaints,
      ScoreAnalytics scores, FollowUpDesk followUps, ComplaintStatistics complaintStatistics,
      CustomerFeedbackSummaries summaries, CustomerEventLog events, PageTokens pageTokens,
      SurveyAdministration surveyAdministration, ListingRpcs listings, SurveyEligibility eligibility,
      PrivacyRpcs privacy, IdempotencyKeys idempotencyKeys, DomainFailureHandler failures) {
    this.privacy = privacy;
    this.eligibility = eligibility;
    this.surveyAdministration = surveyAdministration;
    this.listings = listings;
    this.summaries = summaries;
    this.events = events;
    this.eventPaging = new TimelinePaging(pageTokens, "ListCustomerFeedbackEvents");
    this.surveys = surveys;
    this.responses = responses;
    this.complaints = complaints;
    this.scores = scores;
    this.followUps = followUps;
    this.complaintStatistics = complaintStatistics;
    this.idempotencyKeys = idempotencyKeys;
    this.failures = failures;
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

  /** Lists survey definitions, newest first. */
  @Override
  public void listSurveys(ListSurveysRequest request, StreamObserver<ListSurveysResponse> response) {
    response.onNext(listings.listSurveys(request));
    response.onCompleted();
  }

  /**
   * Changes the fields of a survey named in the update mask, and nothing else; the type and
   * touchpoint never change.
   */
  @Override
  public void updateSurvey(UpdateSurveyRequest request, StreamObserver<UpdateSurveyResponse> response) {
    String id = ResourceNames.surveyId(request.getSurvey().getName(), "survey.name");
    Survey current = surveys.get(id);
    if (request.getExpectedVersion() != 0 && request.getExpectedVersion() != current.version()) {
      throw new ConcurrentUpdateException(current.name(), current.version());
    }
    var merged = SurveyMessages.withMaskedFields(SurveyMessages.toMessage(current), request.getSurvey(),
        request.hasUpdateMask(), request.getUpdateMask().getPathsList());
    Survey updated = surveyAdministration.update(id, SurveyMessages.toNewSurvey(merged), current.version());
    response.onNext(UpdateSurveyResponse.newBuilder().setSurvey(SurveyMessages.toMessage(updated)).build());
    response.onCompleted();
  }

  /** Deletes a survey that has no responses. */
  @Override
  public void deleteSurvey(DeleteSurveyRequest request, StreamObserver<DeleteSurveyResponse> response) {
    surveyAdministration.delete(ResourceNames.surveyId(request.getName(), "name"), request.getExpectedVersion());
    response.onNext(DeleteSurveyResponse.getDefaultInstance());
    response.onCompleted();
  }

  /**
   * Says whether a customer may be surveyed now, with every reason against it; when
   * profile-service cannot answer, "not eligible" with CONSENT_SERVICE_UNAVAILABLE, never an
   * error.
   */
  @Override
  public void checkSurveyEligibility(CheckSurveyEligibilityRequest request,
      StreamObserver<CheckSurveyEligibilityResponse> response) {
    String customerId = ResourceNames.customerId(request.getCustomer(), "customer");
    var channel = ValueMessages.channel(request.getChannel(), "channel");
    if (channel == null) {
      throw InvalidArgumentException.of("channel", "is required");
    }
    String surveyId = request.getSurvey().isEmpty() ? null : ResourceNames.surveyId(request.getSurvey(), "survey");
    var reference = ValueMessages.linkedRecord(request.hasTouchpointReference(), request.getTouchpointReference(),
        "touchpoint_reference");
    var decision = eligibility.check(customerId, channel, surveyId, reference);
    var message = CheckSurveyEligibilityResponse.newBuilder()
        .setEligible(decision.eligible())
        .setQuietPeriod(ValueMessages.duration(decision.quietPeriod()))
        .addAllOpenComplaints(decision.openComplaints())
        .setCheckTime(ValueMessages.timestamp(decision.checkTime()));
    decision.reasons().forEach(r -> message.addReasons(IneligibilityReason.valueOf("INELIGIBILITY_REASON_" + r.name())));
    if (decision.lastSurveyTime() != null) {
      message.setLastSurveyTime(ValueMessages.timestamp(decision.lastSurveyTime()));
    }
    if (decision.quietPeriodEnd() != null) {
      message.setQuietPeriodEndTime(ValueMessages.timestamp(decision.quietPeriodEnd()));
    }
    response.onNext(message.build());
    response.onCompleted();
  }

  /** Lists survey responses of a customer, or of every customer, newest first. */
  @Override
  public void listResponses(ListResponsesRequest request, StreamObserver<ListResponsesResponse> response) {
    response.onNext(listings.listResponses(request));
    response.onCompleted();
  }

  /** Lists complaints of a customer, or of every customer, in filing order. */
  @Override
  public void listComplaints(ListComplaintsRequest request, StreamObserver<ListComplaintsResponse> response) {
    response.onNext(listings.listComplaints(request));
    response.onCompleted();
  }

  /** Lists follow-up cases of a customer, or of every customer, in opening order. */
  @Override
  public void listFollowUps(ListFollowUpsRequest request, StreamObserver<ListFollowUpsResponse> response) {
    response.onNext(listings.listFollowUps(request));
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

  /**
   * Records many customers' answers, each as {@link #submitResponse} would, in a few writes for
   * the whole batch; a refused answer fails the batch, naming it, before anything is written.
   */
  @Override
  public void batchSubmitResponses(BatchSubmitResponsesRequest request,
      StreamObserver<BatchSubmitResponsesResponse> response) {
    if (!request.getParent().equals("customers/-")) {
      throw InvalidArgumentException.of("parent", "must be customers/-: each request names its own customer");
    }
    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < request.getRequestsCount(); i++) {
      SubmitResponseRequest item = request.getRequests(i);
      try {
        answers.add(ResponseMessages.toAnswer(ResourceNames.customerId(item.getParent(), "parent"),
            item.getSurveyResponse()));
      } catch (DomainFailure refused) {
        throw BatchItems.failed(i, refused);
      }
    }
    BatchSubmitResponsesResponse.Builder answer = BatchSubmitResponsesResponse.newBuilder();
    for (SubmittedResponse submitted : responses.submitAll(answers)) {
      answer.addResponses(SubmitResponseResponse.newBuilder()
          .setSurveyResponse(ResponseMessages.toMessage(submitted.response()))
          .setAlreadySubmitted(submitted.alreadySubmitted()));
    }
    response.onNext(answer.build());
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

  /**
   * Returns NPS, CSAT and CES over the responses the filters cover, with an optional trend,
   * answered from the daily score rollups alone.
   */
  @Override
  public void getScoreSummary(GetScoreSummaryRequest request, StreamObserver<GetScoreSummaryResponse> response) {
    response.onNext(ScoreMessages.toMessage(scores.summarize(ScoreMessages.toQuery(request))));
    response.onCompleted();
  }

  /** Returns one follow-up case by name. */
  @Override
  public void getFollowUp(GetFollowUpRequest request, StreamObserver<GetFollowUpResponse> response) {
    var name = ResourceNames.customerChild(request.getName(), "followUps", "name");
    var found = followUps.get(name.customerId(), name.id());
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

  /** Adds a customer-visible note to a complaint without changing its state. */
  @Override
  public void addComplaintNote(AddComplaintNoteRequest request, StreamObserver<AddComplaintNoteResponse> response) {
    var name = ResourceNames.customerChild(request.getName(), "complaints", "name");
    var noted = withinLimits(() -> complaints.addNote(name.customerId(), name.id(), request.getExpectedVersion(),
        Callers.current(), request.getNote()));
    response.onNext(AddComplaintNoteResponse.newBuilder().setComplaint(ComplaintMessages.toMessage(noted)).build());
    response.onCompleted();
  }

  /**
   * Records the customer's 0-10 rating of the complaint's current resolution; the same rating
   * again changes nothing.
   */
  @Override
  public void rateComplaintResolution(RateComplaintResolutionRequest request,
      StreamObserver<RateComplaintResolutionResponse> response) {
    var name = ResourceNames.customerChild(request.getName(), "complaints", "name");
    if (!request.hasRating()) {
      throw InvalidArgumentException.of("rating", "is required");
    }
    var rated = withinLimits(() -> complaints.rate(name.customerId(), name.id(), request.getExpectedVersion(),
        request.getRating().getScore(), request.getRating().getComment()));
    response.onNext(RateComplaintResolutionResponse.newBuilder().setComplaint(ComplaintMessages.toMessage(rated))
        .build());
    response.onCompleted();
  }

  /** Re-triages a complaint: the category and severity named in the update mask, nothing else. */
  @Override
  public void updateComplaint(UpdateComplaintRequest request, StreamObserver<UpdateComplaintResponse> response) {
    var name = ResourceNames.customerChild(request.getComplaint().getName(), "complaints", "complaint.name");
    var triage = ComplaintMessages.toTriage(request.getComplaint(), request.hasUpdateMask(),
        request.getUpdateMask().getPathsList());
    var triaged = withinLimits(() -> complaints.triage(name.customerId(), name.id(), request.getExpectedVersion(),
        triage.category(), triage.severity(), Callers.current(), request.getNote()));
    response.onNext(UpdateComplaintResponse.newBuilder().setComplaint(ComplaintMessages.toMessage(triaged)).build());
    response.onCompleted();
  }

  /** Closes an open follow-up case with its outcome. */
  @Override
  public void closeFollowUp(CloseFollowUpRequest request, StreamObserver<CloseFollowUpResponse> response) {
    var name = ResourceNames.customerChild(request.getName(), "followUps", "name");
    FollowUpOutcome outcome = ValueMessages.fromProto(request.getOutcome(), "FOLLOW_UP_OUTCOME_",
        FollowUpOutcome.class, "outcome");
    var closed = followUps.close(name.customerId(), name.id(), outcome, request.getNote(),
        request.getExpectedVersion(), Callers.current());
    response.onNext(CloseFollowUpResponse.newBuilder().setFollowUp(ResponseMessages.toMessage(closed)).build());
    response.onCompleted();
  }

  /**
   * Returns complaint-handling statistics over the complaints filed, and follow-up cases opened,
   * in the requested days, read from the per-day facts documents.
   */
  @Override
  public void getComplaintStats(GetComplaintStatsRequest request, StreamObserver<GetComplaintStatsResponse> response) {
    response.onNext(ComplaintStatsMessages.toMessage(
        complaintStatistics.compute(ComplaintStatsMessages.toQuery(request))));
    response.onCompleted();
  }

  /**
   * Internal: the feedback events of exactly the customer ids given, newest first, cursor-paged
   * so that events written meanwhile never shift a page.
   */
  @Override
  public void listCustomerFeedbackEvents(ListCustomerFeedbackEventsRequest request,
      StreamObserver<ListCustomerFeedbackEventsResponse> response) {
    Set<String> customerIds = CustomerFeedbackSummaries.checkCustomerIds(request.getCustomerIdsList(),
        CustomerFeedbackSummaries.MAX_CUSTOMER_IDS, "customer_ids");
    var filter = request.getFilter();
    EventQuery query = eventPaging.query(customerIds, TimelineMessages.channels(filter),
        cx.runtime.grpc.TimelineMessages.kinds(filter),
        Optional.ofNullable(ValueMessages.instant(filter.hasStartTime(), filter.getStartTime(), "filter.start_time")),
        Optional.ofNullable(ValueMessages.instant(filter.hasEndTime(), filter.getEndTime(), "filter.end_time")),
        request.getPageSize(), request.getPageToken());
    EventPage page = events.read(query);
    var message = ListCustomerFeedbackEventsResponse.newBuilder()
        .setNextPageToken(eventPaging.nextPageToken(query, page));
    page.events().forEach(e -> message.addEvents(
        cx.runtime.grpc.TimelineMessages.toMessage(e, TimelineSource.TIMELINE_SOURCE_FEEDBACK)));
    response.onNext(message.build());
    response.onCompleted();
  }

  /**
   * Internal: the feedback part of the customer card over a merged-id set, read from the
   * customers' reference lists.
   */
  @Override
  public void getCustomerFeedbackSummary(GetCustomerFeedbackSummaryRequest request,
      StreamObserver<GetCustomerFeedbackSummaryResponse> response) {
    Set<String> customerIds = CustomerFeedbackSummaries.checkCustomerIds(request.getCustomerIdsList(),
        CustomerFeedbackSummaries.MAX_CUSTOMER_IDS, "customer_ids");
    response.onNext(GetCustomerFeedbackSummaryResponse.newBuilder()
        .setCustomerFeedbackSummary(TimelineMessages.toMessage(summaries.summarize(customerIds))).build());
    response.onCompleted();
  }

  /** Internal: every record of a set of customer ids, page by page, for a data-subject export. */
  @Override
  public void exportCustomerData(ExportCustomerDataRequest request,
      StreamObserver<ExportCustomerDataResponse> response) {
    response.onNext(privacy.export(request));
    response.onCompleted();
  }

  /**
   * Internal: erases a set of customer ids, keeping their records pseudonymised so that scores
   * and statistics keep their counts; a repeat of the privacy request returns the first receipt.
   */
  @Override
  public void eraseCustomer(EraseCustomerRequest request, StreamObserver<EraseCustomerResponse> response) {
    response.onNext(privacy.erase(request));
    response.onCompleted();
  }

  private cx.feedback.v1.Complaint move(String complaintName, ComplaintTransition transition, long expectedVersion,
      String note) {
    var name = ResourceNames.customerChild(complaintName, "complaints", "name");
    return ComplaintMessages.toMessage(withinLimits(() -> complaints.move(name.customerId(), name.id(), transition,
        expectedVersion, Callers.current(), note, "note")));
  }

  /** Runs a change, answering a full record with RESOURCE_EXHAUSTED as the contract says. */
  private <T> T withinLimits(Supplier<T> change) {
    try {
      return change.get();
    } catch (UpdateLimitException full) {
      throw StatusProto.toStatusRuntimeException(failures.toStatus(full).toBuilder()
          .setCode(Code.RESOURCE_EXHAUSTED_VALUE).build());
    }
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
