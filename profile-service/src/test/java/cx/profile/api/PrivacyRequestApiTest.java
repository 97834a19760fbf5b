package cx.profile.api;

import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import cx.common.v1.DataDisposition;
import cx.common.v1.DataDispositionEntry;
import cx.common.v1.TimelineEvent;
import cx.profile.domain.ExportDocumentStore;
import cx.profile.domain.PrivacyFanOut;
import cx.profile.domain.PrivacyRequestStore;
import cx.profile.domain.RetryBackoff;
import cx.profile.v1.AuditAction;
import cx.profile.v1.AuditEntry;
import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.Customer;
import cx.profile.v1.CustomerState;
import cx.profile.v1.DownloadCustomerExportRequest;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.GetPrivacyRequestRequest;
import cx.profile.v1.Identity;
import cx.profile.v1.IdentityType;
import cx.profile.v1.ListAuditEntriesRequest;
import cx.profile.v1.ListCustomerProfileEventsRequest;
import cx.profile.v1.ListPrivacyRequestsRequest;
import cx.profile.v1.ListPrivacyRequestsResponse;
import cx.profile.v1.MergeCustomersRequest;
import cx.profile.v1.PrivacyRequest;
import cx.profile.v1.PrivacyRequestState;
import cx.profile.v1.PrivacyRequestType;
import cx.profile.v1.ProfileServiceGrpc.ProfileServiceBlockingStub;
import cx.profile.v1.ReceiptState;
import cx.profile.v1.ServiceReceipt;
import cx.profile.v1.StartCustomerErasureRequest;
import cx.profile.v1.StartCustomerExportRequest;
import cx.runtime.auth.CallerTokens;
import cx.runtime.auth.ServiceCredentials;
import cx.runtime.testing.TestCallers;
import cx.runtime.testing.TestClock;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * Data-subject requests through the real stub: starting, the fan-out to the stand-ins for
 * feedback-service and returns-service, retries, restarts, receipts and the export document. The
 * background worker is off; each test advances the fan-out itself, and moves the clock past the
 * first retry delay (ten seconds here) to make retries due.
 */
abstract class PrivacyRequestApiTest {

  @Autowired
  ProfileServiceBlockingStub profiles;

  @Autowired
  CallerTokens tokens;

  @Autowired
  ServiceCredentials credentials;

  @Autowired
  PrivacyFanOut fanOut;

  @Autowired
  FakePeerServices.FakeFeedback feedback;

  @Autowired
  FakePeerServices.FakeReturns returns;

  @Autowired
  TestClock clock;

  @Autowired
  PrivacyRequestStore requestStore;

  @Autowired
  ExportDocumentStore documentStore;

  @Autowired
  PrivacyRpcs ownPart;

  @Autowired
  GrpcChannelFactory channels;

  @AfterEach
  void servicesBackUp() {
    feedback.peer.down = false;
    returns.peer.down = false;
  }

  Customer create(String name) {
    return profiles.createCustomer(CreateCustomerRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
        .setCustomer(Customer.newBuilder().setDisplayName(name).setFamilyName("Private").addIdentities(Identity
            .newBuilder().setType(IdentityType.IDENTITY_TYPE_EMAIL).setValue(UUID.randomUUID() + "@example.org")))
        .build()).getCustomer();
  }

  static String id(Customer customer) {
    return customer.getName().substring("customers/".length());
  }

  PrivacyRequest erase(Customer customer) {
    return admin().startCustomerErasure(StartCustomerErasureRequest.newBuilder().setCustomer(customer.getName())
        .setReason("ticket 7").build()).getPrivacyRequest();
  }

  PrivacyRequest export(Customer customer) {
    return admin().startCustomerExport(StartCustomerExportRequest.newBuilder().setCustomer(customer.getName())
        .setReason("ticket 8").build()).getPrivacyRequest();
  }

  PrivacyRequest get(PrivacyRequest request) {
    return admin().getPrivacyRequest(GetPrivacyRequestRequest.newBuilder().setName(request.getName()).build())
        .getPrivacyRequest();
  }

  /** Runs the fan-out over every request due now, as one poll of the worker would. */
  void poll() {
    fanOut.due(1000).forEach(fanOut::advance);
  }

  static ServiceReceipt receipt(PrivacyRequest request, int service) {
    return request.getReceipts(service);
  }

  static final int PROFILE = 0;
  static final int FEEDBACK = 1;
  static final int RETURNS = 2;

  // Starting a request.

  @Test
  void aRetryWithTheSameRequestIdAndASecondStartWhileOneRunsGiveTheSameRequest() {
    Customer customer = create("Ida Idempotent");
    StartCustomerExportRequest start = StartCustomerExportRequest.newBuilder().setCustomer(customer.getName())
        .setRequestId(UUID.randomUUID().toString()).build();

    PrivacyRequest first = admin().startCustomerExport(start).getPrivacyRequest();
    PrivacyRequest retry = admin().startCustomerExport(start).getPrivacyRequest();
    PrivacyRequest another = export(customer);

    assertThat(first.getState()).isEqualTo(PrivacyRequestState.PRIVACY_REQUEST_STATE_IN_PROGRESS);
    assertThat(first.getType()).isEqualTo(PrivacyRequestType.PRIVACY_REQUEST_TYPE_EXPORT);
    assertThat(retry.getName()).isEqualTo(first.getName());
    assertThat(another.getName()).isEqualTo(first.getName());
    assertThat(first.getReceiptsList()).extracting(ServiceReceipt::getState)
        .containsOnly(ReceiptState.RECEIPT_STATE_PENDING);
  }

  @Test
  void aRequestIdReusedForAnotherCustomerIsRefused() throws Exception {
    String requestId = UUID.randomUUID().toString();
    admin().startCustomerErasure(StartCustomerErasureRequest.newBuilder().setCustomer(create("A").getName())
        .setRequestId(requestId).build());

    var refused = failure(() -> admin().startCustomerErasure(StartCustomerErasureRequest.newBuilder()
        .setCustomer(create("B").getName()).setRequestId(requestId).build()));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(errorInfo(refused).getReason()).isEqualTo("REQUEST_ID_REUSED");
  }

  @Test
  void aMergedIdStartsTheRequestOfItsSurvivorOverEveryMergedId() {
    Customer survivor = create("Sam Survivor");
    Customer merged = create("Sam Again");
    profiles.mergeCustomers(MergeCustomersRequest.newBuilder().setSurvivor(survivor.getName())
        .setMergedCustomer(merged.getName()).setReason("same person").build());

    PrivacyRequest request = erase(merged);

    assertThat(request.getCustomer()).isEqualTo(survivor.getName());
    assertThat(request.getCustomerIdsList()).containsExactly(id(survivor), id(merged));
    assertThat(request.getReason()).isEqualTo("ticket 7");
  }

  @Test
  void badInputIsAnInvalidArgumentNamingTheField() throws Exception {
    Customer customer = create("Bea Bad");
    var badName = failure(() -> admin().startCustomerErasure(StartCustomerErasureRequest.newBuilder()
        .setCustomer("customers/{\"$ne\":1}").build()));
    var longReason = failure(() -> admin().startCustomerExport(StartCustomerExportRequest.newBuilder()
        .setCustomer(customer.getName()).setReason("x".repeat(501)).build()));
    var badRequestName = failure(() -> admin().getPrivacyRequest(GetPrivacyRequestRequest.newBuilder()
        .setName("customers/" + id(customer)).build()));
    var badState = failure(() -> admin().listPrivacyRequests(ListPrivacyRequestsRequest.newBuilder()
        .addStates(PrivacyRequestState.PRIVACY_REQUEST_STATE_UNSPECIFIED).build()));
    var badToken = failure(() -> admin().listPrivacyRequests(ListPrivacyRequestsRequest.newBuilder()
        .setPageToken("not-a-token").build()));
    var badDownload = failure(() -> admin().downloadCustomerExport(DownloadCustomerExportRequest.newBuilder()
        .setName("privacyRequests/").build()));

    assertThat(List.of(badName, longReason, badRequestName, badState, badToken, badDownload))
        .allSatisfy(e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThat(violatedFields(badName)).containsExactly("customer");
    assertThat(violatedFields(longReason)).containsExactly("reason");
    assertThat(violatedFields(badRequestName)).containsExactly("name");
    assertThat(violatedFields(badState)).containsExactly("states[0]");
    assertThat(violatedFields(badToken)).containsExactly("page_token");
    assertThat(violatedFields(badDownload)).containsExactly("name");
  }

  @Test
  void anUnknownCustomerOrRequestIsNotFound() throws Exception {
    var unknownCustomer = failure(() -> admin().startCustomerErasure(StartCustomerErasureRequest.newBuilder()
        .setCustomer("customers/nosuchcustomer").build()));
    var unknownRequest = failure(() -> admin().getPrivacyRequest(GetPrivacyRequestRequest.newBuilder()
        .setName("privacyRequests/nosuchrequest").build()));

    assertThat(unknownCustomer.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(errorInfo(unknownCustomer).getReason()).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(unknownRequest.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void anErasedCustomerCannotBeExported() throws Exception {
    Customer customer = create("Ezra Erased");
    erase(customer);
    poll();

    var refused = failure(() -> export(customer));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(errorInfo(refused).getReason()).isEqualTo("CUSTOMER_ERASED");
  }

  // Erasures.

  @Test
  void erasesTheProfileFirstThenEveryServiceRetryingOneThatIsDownAndKeepsEachReceipt() {
    Customer survivor = create("Erin Erased");
    Customer merged = create("Erin Twice");
    profiles.mergeCustomers(MergeCustomersRequest.newBuilder().setSurvivor(survivor.getName())
        .setMergedCustomer(merged.getName()).setReason("same person").build());
    feedback.respond(id(merged), "the courier was rude");
    returns.order(id(survivor), "o1");
    returns.order(id(merged), "o2");
    feedback.peer.down = true;
    PrivacyRequest started = erase(survivor);

    poll();
    PrivacyRequest partly = get(started);

    assertThat(partly.getState()).isEqualTo(PrivacyRequestState.PRIVACY_REQUEST_STATE_IN_PROGRESS);
    assertThat(receipt(partly, PROFILE).getState()).isEqualTo(ReceiptState.RECEIPT_STATE_DONE);
    assertThat(receipt(partly, FEEDBACK).getState()).isEqualTo(ReceiptState.RECEIPT_STATE_RETRYING);
    assertThat(receipt(partly, FEEDBACK).getLastError()).isEqualTo("UNAVAILABLE");
    assertThat(receipt(partly, FEEDBACK).getAttemptCount()).isEqualTo(1);
    assertThat(receipt(partly, FEEDBACK).hasNextAttemptTime()).isTrue();
    assertThat(receipt(partly, RETURNS).getState()).isEqualTo(ReceiptState.RECEIPT_STATE_DONE);
    Customer tombstone = profiles.getCustomer(GetCustomerRequest.newBuilder().setName(survivor.getName()).build())
        .getCustomer();
    assertThat(tombstone.getState()).isEqualTo(CustomerState.CUSTOMER_STATE_ERASED);
    assertThat(tombstone.getDisplayName()).isEmpty();

    feedback.peer.down = false;
    poll();
    assertThat(get(started).getState()).as("not due yet").isEqualTo(PrivacyRequestState.PRIVACY_REQUEST_STATE_IN_PROGRESS);
    clock.advance(Duration.ofSeconds(11));
    poll();
    PrivacyRequest done = get(started);

    assertThat(done.getState()).isEqualTo(PrivacyRequestState.PRIVACY_REQUEST_STATE_SUCCEEDED);
    assertThat(done.hasCompleteTime()).isTrue();
    assertThat(done.getReceiptsList()).allSatisfy(r -> {
      assertThat(r.getState()).isEqualTo(ReceiptState.RECEIPT_STATE_DONE);
      assertThat(r.getLastError()).isEmpty();
      assertThat(r.hasCompleteTime()).isTrue();
    });
    assertThat(receipt(done, FEEDBACK).getAttemptCount()).isEqualTo(2);
    assertThat(line(receipt(done, PROFILE), "identity")).satisfies(d -> {
      assertThat(d.getDisposition()).isEqualTo(DataDisposition.DATA_DISPOSITION_REMOVED);
      assertThat(d.getRecordCount()).isEqualTo(2);
    });
    assertThat(line(receipt(done, FEEDBACK), "survey_response").getRecordCount()).isEqualTo(1);
    assertThat(line(receipt(done, RETURNS), "order")).satisfies(d -> {
      assertThat(d.getDisposition()).isEqualTo(DataDisposition.DATA_DISPOSITION_RETAINED);
      assertThat(d.getRecordCount()).isEqualTo(2);
      assertThat(d.getRetentionReason()).isEqualTo("accounting records, kept 10 years");
    });
    List<String> ids = List.of(id(survivor), id(merged));
    assertThat(feedback.peer.erasures.stream().filter(call -> call.contains(id(survivor)))).containsExactly(ids);
    assertThat(returns.peer.erasures.stream().filter(call -> call.contains(id(survivor)))).containsExactly(ids);
    assertThat(feedback.responses).doesNotContainKeys(id(survivor), id(merged));
    assertThat(erase(survivor).getName()).as("a later start returns the erasure").isEqualTo(started.getName());
    List<TimelineEvent> timeline = TestCallers.service(profiles, tokens).listCustomerProfileEvents(ListCustomerProfileEventsRequest.newBuilder()
        .addAllCustomerIds(done.getCustomerIdsList()).build()).getEventsList();
    assertThat(timeline).extracting(TimelineEvent::getKind).containsExactly("profile.erased");
    List<AuditEntry> audit = profiles.listAuditEntries(ListAuditEntriesRequest.newBuilder()
        .setParent(survivor.getName()).build()).getAuditEntriesList();
    assertThat(audit).extracting(AuditEntry::getAction).contains(AuditAction.AUDIT_ACTION_ERASURE_REQUESTED,
        AuditAction.AUDIT_ACTION_CUSTOMER_ERASED);
    assertThat(audit).extracting(AuditEntry::getReason).containsOnly("");
  }

  @Test
  void aNewWorkerFinishesWhatAStoppedOneLeftInProgress() {
    Customer customer = create("Rita Restart");
    returns.order(id(customer), "o9");
    returns.peer.down = true;
    PrivacyRequest started = erase(customer);
    poll();
    assertThat(receipt(get(started), RETURNS).getState()).isEqualTo(ReceiptState.RECEIPT_STATE_RETRYING);

    // The process stops; a new one starts with a new worker over the same store.
    PrivacyFanOut restarted = new PrivacyFanOut(requestStore, documentStore, List.of(new ProfileDataHolder(ownPart),
        RemoteDataHolders.feedback(channels.createChannel("feedback"), credentials, Duration.ofSeconds(5)),
        RemoteDataHolders.returns(channels.createChannel("returns"), credentials, Duration.ofSeconds(5))), id -> false,
        new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5)), 1 << 20, Duration.ofDays(1), clock);
    returns.peer.down = false;
    assertThat(restarted.resumeUnfinished()).isPositive();
    clock.advance(Duration.ofSeconds(11));
    restarted.due(1000).forEach(restarted::advance);

    PrivacyRequest done = get(started);
    assertThat(done.getState()).isEqualTo(PrivacyRequestState.PRIVACY_REQUEST_STATE_SUCCEEDED);
    assertThat(receipt(done, PROFILE).getAttemptCount()).as("done parts are not redone").isEqualTo(1);
    assertThat(receipt(done, RETURNS).getAttemptCount()).isEqualTo(2);
    assertThat(returns.orders).doesNotContainKey(id(customer));
  }

  // Exports.

  @Test
  void collectsEveryServicesRecordsIntoOneDocument() throws Exception {
    Customer customer = create("Xavier Export");
    for (int i = 0; i < 150; i++) {
      feedback.respond(id(customer), "answer " + i);
    }
    returns.order(id(customer), "o1");
    returns.order(id(customer), "o2");
    PrivacyRequest started = export(customer);
    var notReady = failure(() -> admin().downloadCustomerExport(DownloadCustomerExportRequest.newBuilder()
        .setName(started.getName()).build()));
    assertThat(errorInfo(notReady).getReason()).isEqualTo("EXPORT_NOT_READY");

    poll();
    PrivacyRequest done = get(started);

    assertThat(done.getState()).isEqualTo(PrivacyRequestState.PRIVACY_REQUEST_STATE_SUCCEEDED);
    assertThat(done.hasExportExpireTime()).isTrue();
    assertThat(line(receipt(done, FEEDBACK), "survey_response")).satisfies(d -> {
      assertThat(d.getDisposition()).isEqualTo(DataDisposition.DATA_DISPOSITION_EXPORTED);
      assertThat(d.getRecordCount()).as("added up over two pages").isEqualTo(150);
    });
    assertThat(line(receipt(done, PROFILE), "customer_profile").getRecordCount()).isEqualTo(1);
    Struct document = admin().downloadCustomerExport(DownloadCustomerExportRequest.newBuilder()
        .setName(started.getName()).build()).getDocument();

    assertThat(document.getFieldsMap()).containsKeys("privacy_request", "customer", "customer_ids",
        "generate_time", "profile", "feedback", "returns");
    assertThat(document.getFieldsOrThrow("privacy_request").getStringValue()).isEqualTo(started.getName());
    assertThat(document.getFieldsOrThrow("customer").getStringValue()).isEqualTo(customer.getName());
    Struct profileSection = document.getFieldsOrThrow("profile").getStructValue();
    assertThat(profileSection.getFieldsOrThrow("customers").getListValue().getValues(0).getStructValue()
        .getFieldsOrThrow("displayName").getStringValue()).isEqualTo("Xavier Export");
    assertThat(profileSection.getFieldsOrThrow("privacyRequests").getListValue().getValuesList())
        .extracting(v -> v.getStructValue().getFieldsOrThrow("name").getStringValue()).contains(started.getName());
    List<Value> answers = document.getFieldsOrThrow("feedback").getStructValue().getFieldsOrThrow("surveyResponses")
        .getListValue().getValuesList();
    assertThat(answers).hasSize(150);
    assertThat(answers.get(149).getStructValue().getFieldsOrThrow("comment").getStringValue()).isEqualTo("answer 149");
    assertThat(document.getFieldsOrThrow("returns").getStructValue().getFieldsOrThrow("orders").getListValue()
        .getValuesCount()).isEqualTo(2);
  }

  @Test
  void anErasureDeletesTheCustomersEarlierExports() throws Exception {
    Customer customer = create("Olga Old Export");
    PrivacyRequest exported = export(customer);
    poll();
    assertThat(get(exported).getState()).isEqualTo(PrivacyRequestState.PRIVACY_REQUEST_STATE_SUCCEEDED);

    PrivacyRequest erasure = erase(customer);
    poll();

    var gone = failure(() -> admin().downloadCustomerExport(DownloadCustomerExportRequest.newBuilder()
        .setName(exported.getName()).build()));
    assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(errorInfo(gone).getReason()).isEqualTo("EXPORT_EXPIRED");
    assertThat(line(receipt(get(erasure), PROFILE), "export_document").getRecordCount()).isEqualTo(1);
    var notAnExport = failure(() -> admin().downloadCustomerExport(DownloadCustomerExportRequest.newBuilder()
        .setName(erasure.getName()).build()));
    assertThat(errorInfo(notAnExport).getReason()).isEqualTo("NOT_AN_EXPORT");
  }

  // Listing.

  @Test
  void aCustomersRequestsComeNewestFirstPageByPageFilteredByType() {
    Customer customer = create("Lena List");
    PrivacyRequest firstExport = export(customer);
    poll();
    clock.advance(Duration.ofSeconds(1));
    PrivacyRequest secondExport = export(customer);
    clock.advance(Duration.ofSeconds(1));
    PrivacyRequest erasure = erase(customer);

    ListPrivacyRequestsRequest exports = ListPrivacyRequestsRequest.newBuilder().setCustomer(customer.getName())
        .setType(PrivacyRequestType.PRIVACY_REQUEST_TYPE_EXPORT).setPageSize(1).build();
    ListPrivacyRequestsResponse page1 = admin().listPrivacyRequests(exports);
    ListPrivacyRequestsResponse page2 = admin().listPrivacyRequests(exports.toBuilder()
        .setPageToken(page1.getNextPageToken()).build());
    ListPrivacyRequestsResponse all = admin().listPrivacyRequests(ListPrivacyRequestsRequest.newBuilder()
        .setCustomer(customer.getName()).build());

    assertThat(page1.getPrivacyRequestsList()).extracting(PrivacyRequest::getName)
        .containsExactly(secondExport.getName());
    assertThat(page2.getPrivacyRequestsList()).extracting(PrivacyRequest::getName)
        .containsExactly(firstExport.getName());
    assertThat(page2.getNextPageToken()).isEmpty();
    assertThat(all.getPrivacyRequestsList()).extracting(PrivacyRequest::getName)
        .containsExactly(erasure.getName(), secondExport.getName(), firstExport.getName());
    assertThat(admin().listPrivacyRequests(ListPrivacyRequestsRequest.newBuilder()
        .addStates(PrivacyRequestState.PRIVACY_REQUEST_STATE_IN_PROGRESS).setPageSize(1000).build())
        .getPrivacyRequestsList()).extracting(PrivacyRequest::getName).contains(erasure.getName())
        .doesNotContain(firstExport.getName());
  }

  @Test
  void aCustomerWhoNamesNobodyListsTheirOwnRequestsOnly() {
    Customer mia = create("Mia Mine");
    Customer noah = create("Noah Neighbour");
    PrivacyRequest hers = export(mia);
    PrivacyRequest his = export(noah);
    String miaId = mia.getName().substring("customers/".length());

    ListPrivacyRequestsResponse listed = TestCallers.customer(profiles, tokens, miaId)
        .listPrivacyRequests(ListPrivacyRequestsRequest.getDefaultInstance());

    assertThat(listed.getPrivacyRequestsList()).extracting(PrivacyRequest::getName)
        .containsExactly(hers.getName()).doesNotContain(his.getName());
    assertThat(admin().listPrivacyRequests(ListPrivacyRequestsRequest.newBuilder().setPageSize(1000).build())
        .getPrivacyRequestsList()).extracting(PrivacyRequest::getName).contains(hers.getName(), his.getName());
  }

  static DataDispositionEntry line(ServiceReceipt receipt, String recordType) {
    return receipt.getDispositionsList().stream().filter(d -> d.getRecordType().equals(recordType)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + recordType + " line in " + receipt));
  }

  /** The stub calling as an admin, who may start and follow any data-subject request. */
  private ProfileServiceBlockingStub admin() {
    return TestCallers.admin(profiles, tokens);
  }
}
