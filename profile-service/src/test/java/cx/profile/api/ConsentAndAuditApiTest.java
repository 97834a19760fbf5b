package cx.profile.api;

import static cx.runtime.testing.GrpcCalls.concurrently;
import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import cx.common.v1.Channel;
import cx.profile.v1.AuditAction;
import cx.profile.v1.AuditEntry;
import cx.profile.v1.ChangeConsentsRequest;
import cx.profile.v1.ChangeConsentsResponse;
import cx.profile.v1.CheckConsentRequest;
import cx.profile.v1.CheckConsentResponse;
import cx.profile.v1.Consent;
import cx.profile.v1.ConsentChange;
import cx.profile.v1.ConsentChangeCause;
import cx.profile.v1.ConsentChannel;
import cx.profile.v1.ConsentCheckBasis;
import cx.profile.v1.ConsentPurpose;
import cx.profile.v1.ConsentSource;
import cx.profile.v1.ConsentStatus;
import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.Customer;
import cx.profile.v1.GetConsentsRequest;
import cx.profile.v1.GetConsentsResponse;
import cx.profile.v1.ListAuditEntriesRequest;
import cx.profile.v1.ListAuditEntriesResponse;
import cx.profile.v1.ListConsentChangesRequest;
import cx.profile.v1.ListConsentChangesResponse;
import cx.profile.v1.MergeCustomersRequest;
import cx.profile.v1.ProfileServiceGrpc.ProfileServiceBlockingStub;
import cx.profile.v1.UnmergeCustomerRequest;
import cx.runtime.testing.TestCallers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drives the consent and audit RPCs through the generated stub on an in-process channel, with
 * the store on the embedded MongoDB-wire server (and, in {@link ConsentAndAuditApiOnMongoDbTest},
 * on a real MongoDB).
 */
abstract class ConsentAndAuditApiTest {

  @Autowired
  ProfileServiceBlockingStub profiles;

  String newCustomer() {
    return profiles.createCustomer(CreateCustomerRequest.newBuilder()
        .setCustomer(Customer.newBuilder().setDisplayName("Consenting Customer"))
        .setRequestId(UUID.randomUUID().toString()).build()).getCustomer().getName();
  }

  static Consent consent(ConsentPurpose purpose, ConsentChannel channel, ConsentStatus status) {
    return Consent.newBuilder().setPurpose(purpose).setChannel(channel).setStatus(status)
        .setSource(ConsentSource.newBuilder().setChannel(Channel.CHANNEL_WEB).setDescription("preference centre"))
        .build();
  }

  static Consent consentAt(ConsentPurpose purpose, ConsentChannel channel, ConsentStatus status, Instant time) {
    return consent(purpose, channel, status).toBuilder()
        .setDecideTime(Timestamp.newBuilder().setSeconds(time.getEpochSecond())).build();
  }

  ChangeConsentsResponse change(String customer, Consent... consents) {
    return profiles.changeConsents(ChangeConsentsRequest.newBuilder().setCustomer(customer)
        .addAllConsents(List.of(consents)).build());
  }

  CheckConsentResponse check(String customer, ConsentPurpose purpose, ConsentChannel channel) {
    return profiles.checkConsent(CheckConsentRequest.newBuilder().setCustomer(customer).setPurpose(purpose)
        .setChannel(channel).build());
  }

  ListConsentChangesResponse history(String customer, int pageSize, String token) {
    return profiles.listConsentChanges(ListConsentChangesRequest.newBuilder().setParent(customer)
        .setPageSize(pageSize).setPageToken(token).build());
  }

  // Recording and reading.

  @Test
  void recordedDecisionsAreCurrentAndEachIsInTheHistory() {
    String customer = newCustomer();

    ChangeConsentsResponse changed = change(customer,
        consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
            ConsentStatus.CONSENT_STATUS_GRANTED),
        consent(ConsentPurpose.CONSENT_PURPOSE_SURVEYS, ConsentChannel.CONSENT_CHANNEL_ANY,
            ConsentStatus.CONSENT_STATUS_DENIED));
    GetConsentsResponse read = profiles.getConsents(GetConsentsRequest.newBuilder().setCustomer(customer).build());

    assertThat(changed.getCustomer().getName()).isEqualTo(customer);
    assertThat(changed.getCustomer().getConsentsList()).hasSize(2);
    assertThat(changed.getChangesList()).hasSize(2).allSatisfy(c -> {
      assertThat(c.getName()).startsWith(customer + "/consentChanges/");
      assertThat(c.getCause()).isEqualTo(ConsentChangeCause.CONSENT_CHANGE_CAUSE_DECISION);
      assertThat(c.getPreviousStatus()).isEqualTo(ConsentStatus.CONSENT_STATUS_UNSPECIFIED);
      assertThat(c.getDecision().getSource().getRecordedBy()).isEqualTo(TestCallers.AGENT);
    });
    assertThat(read.getCustomer()).isEqualTo(customer);
    assertThat(read.getVersion()).isEqualTo(1);
    assertThat(read.getConsentsList()).extracting(Consent::getPurpose)
        .containsExactly(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentPurpose.CONSENT_PURPOSE_SURVEYS);
    assertThat(read.getConsents(0).hasRecordTime()).isTrue();
    assertThat(history(customer, 0, "").getConsentChangesList()).hasSize(2);
  }

  @Test
  void aDecisionOlderThanTheCurrentOneDoesNotWin() {
    String customer = newCustomer();
    Instant now = Instant.now();
    change(customer, consentAt(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_SMS,
        ConsentStatus.CONSENT_STATUS_DENIED, now));

    ChangeConsentsResponse late = change(customer, consentAt(ConsentPurpose.CONSENT_PURPOSE_MARKETING,
        ConsentChannel.CONSENT_CHANNEL_SMS, ConsentStatus.CONSENT_STATUS_GRANTED, now.minusSeconds(3600)));

    assertThat(late.getCustomer().getConsents(0).getStatus()).isEqualTo(ConsentStatus.CONSENT_STATUS_DENIED);
    assertThat(late.getChanges(0).getPreviousStatus()).isEqualTo(ConsentStatus.CONSENT_STATUS_DENIED);
    assertThat(history(customer, 0, "").getConsentChangesList()).hasSize(2);
  }

  @Test
  void aCheckPrefersTheChannelDecisionThenAnyThenTheDefault() {
    String customer = newCustomer();
    change(customer,
        consent(ConsentPurpose.CONSENT_PURPOSE_SURVEYS, ConsentChannel.CONSENT_CHANNEL_EMAIL,
            ConsentStatus.CONSENT_STATUS_DENIED),
        consent(ConsentPurpose.CONSENT_PURPOSE_SURVEYS, ConsentChannel.CONSENT_CHANNEL_ANY,
            ConsentStatus.CONSENT_STATUS_GRANTED));

    CheckConsentResponse email = check(customer, ConsentPurpose.CONSENT_PURPOSE_SURVEYS,
        ConsentChannel.CONSENT_CHANNEL_EMAIL);
    CheckConsentResponse push = check(customer, ConsentPurpose.CONSENT_PURPOSE_SURVEYS,
        ConsentChannel.CONSENT_CHANNEL_PUSH);
    CheckConsentResponse updates = check(customer, ConsentPurpose.CONSENT_PURPOSE_SERVICE_UPDATES,
        ConsentChannel.CONSENT_CHANNEL_SMS);
    CheckConsentResponse marketing = check(customer, ConsentPurpose.CONSENT_PURPOSE_MARKETING,
        ConsentChannel.CONSENT_CHANNEL_SMS);

    assertThat(email.getAllowed()).isFalse();
    assertThat(email.getBasis()).isEqualTo(ConsentCheckBasis.CONSENT_CHECK_BASIS_CHANNEL_DECISION);
    assertThat(push.getAllowed()).isTrue();
    assertThat(push.getBasis()).isEqualTo(ConsentCheckBasis.CONSENT_CHECK_BASIS_ANY_CHANNEL_DECISION);
    assertThat(push.getDecision().getChannel()).isEqualTo(ConsentChannel.CONSENT_CHANNEL_ANY);
    assertThat(updates.getAllowed()).isTrue();
    assertThat(updates.getBasis()).isEqualTo(ConsentCheckBasis.CONSENT_CHECK_BASIS_DEFAULT_POLICY);
    assertThat(marketing.getAllowed()).isFalse();
    assertThat(marketing.getCustomer()).isEqualTo(customer);
  }

  // Idempotency and concurrency.

  @Test
  void aRetryWithTheSameRequestIdReturnsTheFirstChangesAndAddsNothing() throws Exception {
    String customer = newCustomer();
    ChangeConsentsRequest request = ChangeConsentsRequest.newBuilder().setCustomer(customer)
        .addConsents(consent(ConsentPurpose.CONSENT_PURPOSE_ANALYTICS, ConsentChannel.CONSENT_CHANNEL_ANY,
            ConsentStatus.CONSENT_STATUS_DENIED))
        .setRequestId(UUID.randomUUID().toString()).build();

    List<ChangeConsentsResponse> responses = concurrently(12, i -> profiles.changeConsents(request));

    assertThat(new HashSet<>(responses.stream().map(ChangeConsentsResponse::getChangesList).toList())).hasSize(1);
    assertThat(history(customer, 0, "").getConsentChangesList()).hasSize(1);
    assertThat(profiles.getConsents(GetConsentsRequest.newBuilder().setCustomer(customer).build()).getVersion())
        .isEqualTo(1);
  }

  @Test
  void theSameRequestIdWithOtherDecisionsIsRefused() throws Exception {
    String customer = newCustomer();
    String requestId = UUID.randomUUID().toString();
    ChangeConsentsRequest.Builder request = ChangeConsentsRequest.newBuilder().setCustomer(customer)
        .setRequestId(requestId).addConsents(consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING,
            ConsentChannel.CONSENT_CHANNEL_EMAIL, ConsentStatus.CONSENT_STATUS_GRANTED));
    profiles.changeConsents(request.build());

    StatusRuntimeException e = failure(() -> profiles.changeConsents(request.setConsents(0,
        consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
            ConsentStatus.CONSENT_STATUS_DENIED)).build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(errorInfo(e).getReason()).isEqualTo("REQUEST_ID_REUSED");
  }

  @Test
  void concurrentChangesWithoutAnExpectedVersionAreAllKept() throws Exception {
    String customer = newCustomer();
    ConsentPurpose[] purposes = {ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentPurpose.CONSENT_PURPOSE_SURVEYS,
        ConsentPurpose.CONSENT_PURPOSE_ANALYTICS, ConsentPurpose.CONSENT_PURPOSE_SERVICE_UPDATES};
    ConsentChannel[] channels = {ConsentChannel.CONSENT_CHANNEL_EMAIL, ConsentChannel.CONSENT_CHANNEL_SMS};

    concurrently(8, i -> change(customer,
        consent(purposes[i % 4], channels[i / 4], ConsentStatus.CONSENT_STATUS_GRANTED)));

    GetConsentsResponse read = profiles.getConsents(GetConsentsRequest.newBuilder().setCustomer(customer).build());
    assertThat(read.getConsentsList()).hasSize(8);
    assertThat(read.getVersion()).isEqualTo(8);
    assertThat(history(customer, 0, "").getConsentChangesList()).hasSize(8);
  }

  @Test
  void aStaleExpectedVersionIsAbortedWithTheCurrentVersion() throws Exception {
    String customer = newCustomer();
    change(customer, consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
        ConsentStatus.CONSENT_STATUS_GRANTED));

    StatusRuntimeException e = failure(() -> profiles.changeConsents(ChangeConsentsRequest.newBuilder()
        .setCustomer(customer).setExpectedVersion(5)
        .addConsents(consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
            ConsentStatus.CONSENT_STATUS_DENIED)).build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
    assertThat(errorInfo(e).getReason()).isEqualTo("VERSION_CONFLICT");
    assertThat(errorInfo(e).getMetadataMap()).containsEntry("version", "1");
    assertThat(check(customer, ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL)
        .getAllowed()).isTrue();
  }

  // Bad input.

  @Test
  void anUnknownCustomerIsNotFoundForEveryConsentCall() throws Exception {
    String unknown = "customers/doesnotexist";
    List<Runnable> calls = List.of(
        () -> profiles.getConsents(GetConsentsRequest.newBuilder().setCustomer(unknown).build()),
        () -> change(unknown, consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_SMS,
            ConsentStatus.CONSENT_STATUS_DENIED)),
        () -> check(unknown, ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_SMS),
        () -> history(unknown, 0, ""),
        () -> profiles.listAuditEntries(ListAuditEntriesRequest.newBuilder().setParent(unknown).build()));
    for (Runnable call : calls) {
      StatusRuntimeException e = failure(call);
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
      assertThat(errorInfo(e).getReason()).isEqualTo("RESOURCE_NOT_FOUND");
    }
  }

  @Test
  void badDecisionsAreRejectedNamingTheFieldAndNothingIsWritten() throws Exception {
    String customer = newCustomer();
    Consent good = consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_SMS,
        ConsentStatus.CONSENT_STATUS_GRANTED);
    record Case(Consent second, String field) {
    }
    List<Case> cases = List.of(
        new Case(good.toBuilder().setPurpose(ConsentPurpose.CONSENT_PURPOSE_UNSPECIFIED).build(), "consents[1].purpose"),
        new Case(good.toBuilder().setChannelValue(99).build(), "consents[1].channel"),
        new Case(good.toBuilder().setStatus(ConsentStatus.CONSENT_STATUS_UNSPECIFIED).build(), "consents[1].status"),
        new Case(good.toBuilder().setSource(ConsentSource.getDefaultInstance()).build(), "consents[1].source.channel"),
        new Case(good.toBuilder().setSource(good.getSource().toBuilder().setDescription("x".repeat(201))).build(),
            "consents[1].source.description"),
        new Case(good.toBuilder().setDecideTime(Timestamp.newBuilder()
            .setSeconds(Instant.now().plusSeconds(3600).getEpochSecond())).build(), "consents[1].decide_time"),
        new Case(good, "consents[1]"));
    for (Case c : cases) {
      StatusRuntimeException e = failure(() -> change(customer, good, c.second()));
      assertThat(e.getStatus().getCode()).as(c.field()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(violatedFields(e)).as(c.field()).contains(c.field());
    }
    assertThat(violatedFields(failure(() -> change(customer)))).containsExactly("consents");
    assertThat(violatedFields(failure(() -> check(customer, ConsentPurpose.CONSENT_PURPOSE_UNSPECIFIED,
        ConsentChannel.CONSENT_CHANNEL_SMS)))).containsExactly("purpose");
    assertThat(violatedFields(failure(() -> profiles.getConsents(GetConsentsRequest.newBuilder()
        .setCustomer("customers/{\"$ne\":1}").build())))).containsExactly("customer");
    assertThat(profiles.getConsents(GetConsentsRequest.newBuilder().setCustomer(customer).build()).getConsentsCount())
        .isZero();
  }

  // History paging.

  @Test
  void theHistoryPagesNewestDecisionFirstWithoutGapsOrRepeats() {
    String customer = newCustomer();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 7; i++) {
      change(customer, consentAt(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
          i % 2 == 0 ? ConsentStatus.CONSENT_STATUS_GRANTED : ConsentStatus.CONSENT_STATUS_DENIED,
          start.plusSeconds(i * 60L)));
    }
    List<ConsentChange> all = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      ListConsentChangesResponse page = history(customer, 3, token);
      all.addAll(page.getConsentChangesList());
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());

    assertThat(pages).isEqualTo(3);
    assertThat(all).hasSize(7).extracting(c -> c.getDecision().getDecideTime().getSeconds())
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(new HashSet<>(all.stream().map(ConsentChange::getName).toList())).hasSize(7);
  }

  @Test
  void aForeignOrAlteredPageTokenAndANegativePageSizeAreRejected() throws Exception {
    String customer = newCustomer();
    for (int i = 0; i < 3; i++) {
      change(customer, consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
          ConsentStatus.CONSENT_STATUS_GRANTED));
    }
    String token = history(customer, 1, "").getNextPageToken();
    String otherCustomer = newCustomer();

    assertThat(token).isNotEmpty();
    assertThat(violatedFields(failure(() -> history(otherCustomer, 1, token)))).containsExactly("page_token");
    assertThat(violatedFields(failure(() -> history(customer, 1, token.substring(1) + "A"))))
        .containsExactly("page_token");
    assertThat(violatedFields(failure(() -> profiles.listConsentChanges(ListConsentChangesRequest.newBuilder()
        .setParent(customer).addPurposes(ConsentPurpose.CONSENT_PURPOSE_SURVEYS).setPageToken(token).build()))))
        .containsExactly("page_token");
    assertThat(violatedFields(failure(() -> history(customer, -1, "")))).containsExactly("page_size");
  }

  @Test
  void theHistoryFiltersByPurposeChannelAndTime() {
    String customer = newCustomer();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    change(customer,
        consentAt(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
            ConsentStatus.CONSENT_STATUS_GRANTED, start),
        consentAt(ConsentPurpose.CONSENT_PURPOSE_SURVEYS, ConsentChannel.CONSENT_CHANNEL_SMS,
            ConsentStatus.CONSENT_STATUS_GRANTED, start.plusSeconds(60)));

    assertThat(profiles.listConsentChanges(ListConsentChangesRequest.newBuilder().setParent(customer)
        .addPurposes(ConsentPurpose.CONSENT_PURPOSE_SURVEYS).build()).getConsentChangesList()).hasSize(1);
    assertThat(profiles.listConsentChanges(ListConsentChangesRequest.newBuilder().setParent(customer)
        .addChannels(ConsentChannel.CONSENT_CHANNEL_EMAIL).build()).getConsentChangesList()).hasSize(1);
    assertThat(profiles.listConsentChanges(ListConsentChangesRequest.newBuilder().setParent(customer)
        .setStartTime(Timestamp.newBuilder().setSeconds(start.plusSeconds(30).getEpochSecond())).build())
        .getConsentChangesList()).singleElement()
        .satisfies(c -> assertThat(c.getDecision().getPurpose()).isEqualTo(ConsentPurpose.CONSENT_PURPOSE_SURVEYS));
  }

  // The audit log.

  @Test
  void everyConsentChangeLeavesOneAuditEntryNamingTheActor() {
    String customer = newCustomer();
    ChangeConsentsRequest request = ChangeConsentsRequest.newBuilder().setCustomer(customer)
        .setRequestId(UUID.randomUUID().toString())
        .addConsents(consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
            ConsentStatus.CONSENT_STATUS_DENIED))
        .addConsents(consent(ConsentPurpose.CONSENT_PURPOSE_SURVEYS, ConsentChannel.CONSENT_CHANNEL_EMAIL,
            ConsentStatus.CONSENT_STATUS_DENIED)).build();
    profiles.changeConsents(request);
    profiles.changeConsents(request);

    ListAuditEntriesResponse audit = profiles.listAuditEntries(ListAuditEntriesRequest.newBuilder()
        .setParent(customer).addActions(AuditAction.AUDIT_ACTION_CONSENT_CHANGED).build());

    assertThat(audit.getAuditEntriesList()).singleElement().satisfies(e -> {
      assertThat(e.getName()).startsWith(customer + "/auditEntries/");
      assertThat(e.getActor().getSubject()).isEqualTo(TestCallers.AGENT);
      assertThat(e.getDetailsMap()).containsEntry("consents_changed", "2");
      assertThat(e.hasCreateTime()).isTrue();
    });
  }

  @Test
  void theAuditLogPagesNewestFirstAndRejectsBadInput() throws Exception {
    String customer = newCustomer();
    for (int i = 0; i < 5; i++) {
      change(customer, consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
          ConsentStatus.CONSENT_STATUS_GRANTED));
    }
    List<AuditEntry> all = new ArrayList<>();
    String token = "";
    do {
      ListAuditEntriesResponse page = profiles.listAuditEntries(ListAuditEntriesRequest.newBuilder()
          .setParent(customer).addActions(AuditAction.AUDIT_ACTION_CONSENT_CHANGED).setPageSize(2)
          .setPageToken(token).build());
      assertThat(page.getAuditEntriesCount()).isLessThanOrEqualTo(2);
      all.addAll(page.getAuditEntriesList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    String firstToken = profiles.listAuditEntries(ListAuditEntriesRequest.newBuilder().setParent(customer)
        .setPageSize(1).build()).getNextPageToken();

    assertThat(all).hasSize(5);
    assertThat(new HashSet<>(all.stream().map(AuditEntry::getName).toList())).hasSize(5);
    assertThat(all).extracting(e -> e.getCreateTime().getSeconds() * 1_000_000_000L + e.getCreateTime().getNanos())
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(violatedFields(failure(() -> profiles.listAuditEntries(ListAuditEntriesRequest.newBuilder()
        .setParent(customer).addActions(AuditAction.AUDIT_ACTION_UNSPECIFIED).build())))).containsExactly("actions[0]");
    assertThat(violatedFields(failure(() -> profiles.listAuditEntries(ListAuditEntriesRequest.newBuilder()
        .setParent(customer).addActions(AuditAction.AUDIT_ACTION_CONSENT_CHANGED).setPageToken(firstToken).build()))))
        .containsExactly("page_token");
    assertThat(violatedFields(failure(() -> profiles.listAuditEntries(ListAuditEntriesRequest.newBuilder()
        .setParent("customers/").build())))).containsExactly("parent");
  }

  // Merges.

  @Test
  void mergingTwoProfilesKeepsTheMostRestrictiveConsentAndUnmergingRestoresIt() {
    String survivor = newCustomer();
    String merged = newCustomer();
    change(survivor,
        consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
            ConsentStatus.CONSENT_STATUS_GRANTED));
    change(merged,
        consent(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
            ConsentStatus.CONSENT_STATUS_DENIED),
        consent(ConsentPurpose.CONSENT_PURPOSE_SURVEYS, ConsentChannel.CONSENT_CHANNEL_SMS,
            ConsentStatus.CONSENT_STATUS_GRANTED));

    profiles.mergeCustomers(MergeCustomersRequest.newBuilder().setSurvivor(survivor).setMergedCustomer(merged)
        .setReason("same person").setRequestId(UUID.randomUUID().toString()).build());

    assertThat(check(merged, ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL))
        .satisfies(c -> {
          assertThat(c.getAllowed()).isFalse();
          assertThat(c.getCustomer()).isEqualTo(survivor);
        });
    assertThat(check(survivor, ConsentPurpose.CONSENT_PURPOSE_SURVEYS, ConsentChannel.CONSENT_CHANNEL_SMS)
        .getAllowed()).isTrue();
    assertThat(history(survivor, 0, "").getConsentChangesList())
        .filteredOn(c -> c.getCause() == ConsentChangeCause.CONSENT_CHANGE_CAUSE_MERGE).hasSize(2)
        .allSatisfy(c -> assertThat(c.getMerge()).startsWith(survivor + "/merges/"));
    assertThat(history(survivor, 0, "").getConsentChangesList())
        .filteredOn(c -> c.getName().startsWith(merged + "/")).hasSize(2);

    profiles.unmergeCustomer(UnmergeCustomerRequest.newBuilder().setCustomer(survivor).setMergedCustomer(merged)
        .setReason("different people").setRequestId(UUID.randomUUID().toString()).build());

    assertThat(check(survivor, ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL)
        .getAllowed()).isTrue();
    assertThat(check(survivor, ConsentPurpose.CONSENT_PURPOSE_SURVEYS, ConsentChannel.CONSENT_CHANNEL_SMS)
        .getBasis()).isEqualTo(ConsentCheckBasis.CONSENT_CHECK_BASIS_DEFAULT_POLICY);
    assertThat(check(merged, ConsentPurpose.CONSENT_PURPOSE_SURVEYS, ConsentChannel.CONSENT_CHANNEL_SMS)
        .getAllowed()).isTrue();
    assertThat(profiles.listAuditEntries(ListAuditEntriesRequest.newBuilder().setParent(survivor)
        .addActions(AuditAction.AUDIT_ACTION_CUSTOMERS_MERGED).addActions(AuditAction.AUDIT_ACTION_CUSTOMER_UNMERGED)
        .build()).getAuditEntriesList()).hasSize(2);
  }
}
