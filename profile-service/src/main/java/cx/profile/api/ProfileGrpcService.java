package cx.profile.api;

import cx.profile.v1.AddIdentityRequest;
import cx.profile.v1.AddIdentityResponse;
import cx.profile.v1.ChangeConsentsRequest;
import cx.profile.v1.ChangeConsentsResponse;
import cx.profile.v1.CheckConsentRequest;
import cx.profile.v1.CheckConsentResponse;
import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.CreateCustomerResponse;
import cx.profile.v1.DismissMergeCandidateRequest;
import cx.profile.v1.DismissMergeCandidateResponse;
import cx.profile.v1.DownloadCustomerExportRequest;
import cx.profile.v1.DownloadCustomerExportResponse;
import cx.profile.v1.GetPrivacyRequestRequest;
import cx.profile.v1.GetPrivacyRequestResponse;
import cx.profile.v1.ListPrivacyRequestsRequest;
import cx.profile.v1.ListPrivacyRequestsResponse;
import cx.profile.v1.StartCustomerErasureRequest;
import cx.profile.v1.StartCustomerErasureResponse;
import cx.profile.v1.StartCustomerExportRequest;
import cx.profile.v1.StartCustomerExportResponse;
import cx.profile.v1.EraseCustomerRequest;
import cx.profile.v1.EraseCustomerResponse;
import cx.profile.v1.ExportCustomerDataRequest;
import cx.profile.v1.ExportCustomerDataResponse;
import cx.profile.v1.GetConsentsRequest;
import cx.profile.v1.GetConsentsResponse;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.GetCustomerResponse;
import cx.profile.v1.GetInteractionRequest;
import cx.profile.v1.GetInteractionResponse;
import cx.profile.v1.GetMergeCandidateRequest;
import cx.profile.v1.GetMergeCandidateResponse;
import cx.profile.v1.IdentifyRequest;
import cx.profile.v1.IdentifyResponse;
import cx.profile.v1.ListAuditEntriesRequest;
import cx.profile.v1.ListAuditEntriesResponse;
import cx.profile.v1.ListConsentChangesRequest;
import cx.profile.v1.ListConsentChangesResponse;
import cx.profile.v1.ListCustomerProfileEventsRequest;
import cx.profile.v1.ListCustomerProfileEventsResponse;
import cx.profile.v1.ListInteractionsRequest;
import cx.profile.v1.ListInteractionsResponse;
import cx.profile.v1.ListMergeCandidatesRequest;
import cx.profile.v1.ListMergeCandidatesResponse;
import cx.profile.v1.ListMergesRequest;
import cx.profile.v1.ListMergesResponse;
import cx.profile.v1.LookupCustomerRequest;
import cx.profile.v1.LookupCustomerResponse;
import cx.profile.v1.MergeCustomersRequest;
import cx.profile.v1.MergeCustomersResponse;
import cx.profile.v1.PreviewMergeRequest;
import cx.profile.v1.PreviewMergeResponse;
import cx.profile.v1.ProfileServiceGrpc;
import cx.profile.v1.RecordInteractionRequest;
import cx.profile.v1.RecordInteractionResponse;
import cx.profile.v1.RemoveIdentityRequest;
import cx.profile.v1.RemoveIdentityResponse;
import cx.profile.v1.SearchCustomersRequest;
import cx.profile.v1.SearchCustomersResponse;
import cx.profile.v1.UnmergeCustomerRequest;
import cx.profile.v1.UnmergeCustomerResponse;
import cx.profile.v1.UpdateCustomerRequest;
import cx.profile.v1.UpdateCustomerResponse;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * The gRPC face of profile-service. Each RPC hands its request to the adapter of its area
 * ({@link CustomerRpcs}, {@link MergeRpcs}, ...), which maps it to the domain and the result
 * back. Failures thrown are mapped to statuses by the service runtime's failure handler.
 */
@Service
public class ProfileGrpcService extends ProfileServiceGrpc.ProfileServiceImplBase {

  private final CustomerRpcs customers;
  private final MergeRpcs merges;
  private final ConsentRpcs consents;
  private final AuditRpcs audit;
  private final InteractionRpcs interactions;
  private final PrivacyRpcs privacy;
  private final PrivacyRequestRpcs privacyRequests;

  ProfileGrpcService(CustomerRpcs customers, MergeRpcs merges, ConsentRpcs consents, AuditRpcs audit,
      InteractionRpcs interactions, PrivacyRpcs privacy, PrivacyRequestRpcs privacyRequests) {
    this.privacy = privacy;
    this.privacyRequests = privacyRequests;
    this.customers = customers;
    this.merges = merges;
    this.consents = consents;
    this.audit = audit;
    this.interactions = interactions;
  }

  private static <T> void answer(StreamObserver<T> observer, Supplier<T> call) {
    observer.onNext(call.get());
    observer.onCompleted();
  }

  // Customers and identities.

  /** Creates a customer profile; with a request_id, retries return the first result. */
  @Override
  public void createCustomer(CreateCustomerRequest request, StreamObserver<CreateCustomerResponse> response) {
    answer(response, () -> customers.create(request));
  }

  /** Returns a customer profile by name; a merged name returns its survivor. */
  @Override
  public void getCustomer(GetCustomerRequest request, StreamObserver<GetCustomerResponse> response) {
    answer(response, () -> customers.get(request));
  }

  /** Updates the fields of a profile that the update mask names. */
  @Override
  public void updateCustomer(UpdateCustomerRequest request, StreamObserver<UpdateCustomerResponse> response) {
    answer(response, () -> customers.update(request));
  }

  /** Finds active customers by name prefix, email or phone. */
  @Override
  public void searchCustomers(SearchCustomersRequest request, StreamObserver<SearchCustomersResponse> response) {
    answer(response, () -> customers.search(request));
  }

  /** Returns the active customer holding one identifier. */
  @Override
  public void lookupCustomer(LookupCustomerRequest request, StreamObserver<LookupCustomerResponse> response) {
    answer(response, () -> customers.lookup(request));
  }

  /** Resolves the identifiers a channel saw to one customer. */
  @Override
  public void identify(IdentifyRequest request, StreamObserver<IdentifyResponse> response) {
    answer(response, () -> customers.identify(request));
  }

  /** Attaches an identity to a customer. */
  @Override
  public void addIdentity(AddIdentityRequest request, StreamObserver<AddIdentityResponse> response) {
    answer(response, () -> customers.addIdentity(request));
  }

  /** Detaches an identity from a customer. */
  @Override
  public void removeIdentity(RemoveIdentityRequest request, StreamObserver<RemoveIdentityResponse> response) {
    answer(response, () -> customers.removeIdentity(request));
  }

  // Merges.

  /** Merges one customer into a survivor. */
  @Override
  public void mergeCustomers(MergeCustomersRequest request, StreamObserver<MergeCustomersResponse> response) {
    answer(response, () -> merges.merge(request));
  }

  /** Shows what a merge would do, changing nothing. */
  @Override
  public void previewMerge(PreviewMergeRequest request, StreamObserver<PreviewMergeResponse> response) {
    answer(response, () -> merges.preview(request));
  }

  /** Reverses the latest merge of a customer. */
  @Override
  public void unmergeCustomer(UnmergeCustomerRequest request, StreamObserver<UnmergeCustomerResponse> response) {
    answer(response, () -> merges.unmerge(request));
  }

  /** Lists the merges a customer took part in. */
  @Override
  public void listMerges(ListMergesRequest request, StreamObserver<ListMergesResponse> response) {
    answer(response, () -> merges.listMerges(request));
  }

  /** Lists merge candidates, the agents' queue of suspected duplicates. */
  @Override
  public void listMergeCandidates(ListMergeCandidatesRequest request,
      StreamObserver<ListMergeCandidatesResponse> response) {
    answer(response, () -> merges.listCandidates(request));
  }

  /** Returns one merge candidate. */
  @Override
  public void getMergeCandidate(GetMergeCandidateRequest request, StreamObserver<GetMergeCandidateResponse> response) {
    answer(response, () -> merges.getCandidate(request));
  }

  /** Records that a candidate's customers are different people. */
  @Override
  public void dismissMergeCandidate(DismissMergeCandidateRequest request,
      StreamObserver<DismissMergeCandidateResponse> response) {
    answer(response, () -> merges.dismissCandidate(request));
  }

  // Consents and the audit log.

  /** Returns a customer's current consent decisions. */
  @Override
  public void getConsents(GetConsentsRequest request, StreamObserver<GetConsentsResponse> response) {
    answer(response, () -> consents.getConsents(request));
  }

  /** Records consent decisions; with a request_id, retries return the first result. */
  @Override
  public void changeConsents(ChangeConsentsRequest request, StreamObserver<ChangeConsentsResponse> response) {
    answer(response, () -> consents.changeConsents(request));
  }

  /** Answers whether a customer may be contacted for a purpose on a channel. */
  @Override
  public void checkConsent(CheckConsentRequest request, StreamObserver<CheckConsentResponse> response) {
    answer(response, () -> consents.checkConsent(request));
  }

  /** Lists a customer's consent history, newest decision first. */
  @Override
  public void listConsentChanges(ListConsentChangesRequest request,
      StreamObserver<ListConsentChangesResponse> response) {
    answer(response, () -> consents.listConsentChanges(request));
  }

  /** Lists a customer's audit log, newest first. */
  @Override
  public void listAuditEntries(ListAuditEntriesRequest request, StreamObserver<ListAuditEntriesResponse> response) {
    answer(response, () -> audit.listAuditEntries(request));
  }

  // Touchpoints and the timeline.

  /** Records a touchpoint, idempotent on its external id. */
  @Override
  public void recordInteraction(RecordInteractionRequest request, StreamObserver<RecordInteractionResponse> response) {
    answer(response, () -> interactions.recordInteraction(request));
  }

  /** Returns one interaction. */
  @Override
  public void getInteraction(GetInteractionRequest request, StreamObserver<GetInteractionResponse> response) {
    answer(response, () -> interactions.getInteraction(request));
  }

  /** Lists a customer's interactions, newest first. */
  @Override
  public void listInteractions(ListInteractionsRequest request, StreamObserver<ListInteractionsResponse> response) {
    answer(response, () -> interactions.listInteractions(request));
  }

  /** Internal: profile-service's part of a customer's unified timeline. */
  @Override
  public void listCustomerProfileEvents(ListCustomerProfileEventsRequest request,
      StreamObserver<ListCustomerProfileEventsResponse> response) {
    answer(response, () -> interactions.listCustomerProfileEvents(request));
  }

  // Privacy: data-subject requests, fanned out to every service.

  /** Starts an export of a customer's data from every service; polled with GetPrivacyRequest. */
  @Override
  public void startCustomerExport(StartCustomerExportRequest request,
      StreamObserver<StartCustomerExportResponse> response) {
    answer(response, () -> privacyRequests.startExport(request));
  }

  /** Starts the erasure of a customer's personal data in every service. */
  @Override
  public void startCustomerErasure(StartCustomerErasureRequest request,
      StreamObserver<StartCustomerErasureResponse> response) {
    answer(response, () -> privacyRequests.startErasure(request));
  }

  /** Returns a privacy request with each service's receipt. */
  @Override
  public void getPrivacyRequest(GetPrivacyRequestRequest request, StreamObserver<GetPrivacyRequestResponse> response) {
    answer(response, () -> privacyRequests.get(request));
  }

  /** Lists privacy requests, newest first. */
  @Override
  public void listPrivacyRequests(ListPrivacyRequestsRequest request,
      StreamObserver<ListPrivacyRequestsResponse> response) {
    answer(response, () -> privacyRequests.list(request));
  }

  /** Returns a succeeded export's document. */
  @Override
  public void downloadCustomerExport(DownloadCustomerExportRequest request,
      StreamObserver<DownloadCustomerExportResponse> response) {
    answer(response, () -> privacyRequests.download(request));
  }

  // Privacy: this service's part of a data-subject request.

  /** Internal: everything this service holds on a set of customer ids. */
  @Override
  public void exportCustomerData(ExportCustomerDataRequest request, StreamObserver<ExportCustomerDataResponse> response) {
    answer(response, () -> privacy.export(request));
  }

  /** Internal: erases what this service holds on a set of customer ids, irreversibly. */
  @Override
  public void eraseCustomer(EraseCustomerRequest request, StreamObserver<EraseCustomerResponse> response) {
    answer(response, () -> privacy.erase(request));
  }
}
