package cx.profile.api;

import static cx.runtime.testing.GrpcCalls.concurrently;
import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import cx.common.v1.Channel;
import cx.common.v1.DataDispositionEntry;
import cx.common.v1.TimelineEvent;
import cx.common.v1.TimelineFilter;
import cx.common.v1.TimelineSource;
import cx.profile.v1.ChangeConsentsRequest;
import cx.profile.v1.CheckConsentRequest;
import cx.profile.v1.Consent;
import cx.profile.v1.ConsentChannel;
import cx.profile.v1.ConsentCheckBasis;
import cx.profile.v1.ConsentPurpose;
import cx.profile.v1.ConsentSource;
import cx.profile.v1.ConsentStatus;
import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.Customer;
import cx.profile.v1.EraseCustomerRequest;
import cx.profile.v1.EraseCustomerResponse;
import cx.profile.v1.GetInteractionRequest;
import cx.profile.v1.Interaction;
import cx.profile.v1.InteractionDirection;
import cx.profile.v1.InteractionType;
import cx.profile.v1.ListConsentChangesRequest;
import cx.profile.v1.ListCustomerProfileEventsRequest;
import cx.profile.v1.ListCustomerProfileEventsResponse;
import cx.profile.v1.ListInteractionsRequest;
import cx.profile.v1.ListInteractionsResponse;
import cx.profile.v1.MergeCustomersRequest;
import cx.profile.v1.ProfileServiceGrpc.ProfileServiceBlockingStub;
import cx.profile.v1.RecordInteractionRequest;
import cx.profile.v1.RecordInteractionResponse;
import cx.profile.v1.UnmergeCustomerRequest;
import cx.runtime.auth.CallerTokens;
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
 * Drives the touchpoint and timeline RPCs through the generated stub on an in-process channel,
 * with the store on the embedded MongoDB-wire server (and, in
 * {@link InteractionApiOnMongoDbTest}, on a real MongoDB).
 */
abstract class InteractionApiTest {

  private static final Instant BASE = Instant.parse("2026-06-01T09:00:00Z");
  private static final TimelineFilter INTERACTIONS = TimelineFilter.newBuilder().addKinds("interaction").build();

  @Autowired
  ProfileServiceBlockingStub profiles;

  @Autowired
  CallerTokens tokens;

  String newCustomer() {
    return profiles.createCustomer(CreateCustomerRequest.newBuilder()
        .setCustomer(Customer.newBuilder().setDisplayName("Touching Customer"))
        .setRequestId(UUID.randomUUID().toString()).build()).getCustomer().getName();
  }

  static String id(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  static Interaction call(String externalId, Instant occurTime) {
    return Interaction.newBuilder()
        .setExternalId(externalId)
        .setChannel(Channel.CHANNEL_CALL_CENTER)
        .setType(InteractionType.INTERACTION_TYPE_CALL)
        .setDirection(InteractionDirection.INTERACTION_DIRECTION_INBOUND)
        .setSummary("Asked about delivery date")
        .setOccurTime(Timestamp.newBuilder().setSeconds(occurTime.getEpochSecond()))
        .setDuration(Duration.newBuilder().setSeconds(240))
        .setAgent("agent-12")
        .putMetadata("queue", "returns")
        .addRelatedResources("customers/c-1/orders/o-3")
        .build();
  }

  static String externalId() {
    return "telephony:" + UUID.randomUUID();
  }

  RecordInteractionResponse record(String customer, Interaction interaction) {
    return profiles.recordInteraction(RecordInteractionRequest.newBuilder().setParent(customer)
        .setInteraction(interaction).build());
  }

  // Recording and reading.

  @Test
  void aRecordedTouchpointReadsBackAndIsOnTheTimeline() {
    String customer = newCustomer();
    Interaction sent = call(externalId(), BASE).toBuilder()
        .setName("customers/chosen/interactions/by-caller").setRecordedBy("someone")
        .setCreateTime(Timestamp.newBuilder().setSeconds(1)).build();

    Interaction recorded = record(customer, sent).getInteraction();
    Interaction read = profiles.getInteraction(GetInteractionRequest.newBuilder().setName(recorded.getName()).build())
        .getInteraction();
    ListCustomerProfileEventsResponse events = platform().listCustomerProfileEvents(
        ListCustomerProfileEventsRequest.newBuilder().addCustomerIds(id(customer)).setFilter(INTERACTIONS).build());

    assertThat(recorded.getName()).matches(customer + "/interactions/[a-z0-9]{20}");
    assertThat(recorded.getRecordedBy()).isEqualTo(TestCallers.AGENT);
    assertThat(recorded.getCreateTime().getSeconds()).isGreaterThan(1);
    assertThat(read).isEqualTo(recorded);
    assertThat(read.toBuilder().clearName().clearRecordedBy().clearCreateTime().build())
        .isEqualTo(sent.toBuilder().clearName().clearRecordedBy().clearCreateTime().build());
    assertThat(events.getEventsList()).singleElement().satisfies(e -> {
      assertThat(e.getKind()).isEqualTo("interaction.call");
      assertThat(e.getSource()).isEqualTo(TimelineSource.TIMELINE_SOURCE_PROFILE);
      assertThat(e.getChannel()).isEqualTo(Channel.CHANNEL_CALL_CENTER);
      assertThat(e.getResource()).isEqualTo(recorded.getName());
      assertThat(e.getOccurTime()).isEqualTo(sent.getOccurTime());
      assertThat(e.getCustomerId()).isEqualTo(id(customer));
    });
  }

  @Test
  void recordingTheSameExternalIdAgainReturnsTheFirstInteraction() {
    String customer = newCustomer();
    Interaction interaction = call(externalId(), BASE);
    RecordInteractionResponse first = record(customer, interaction);

    RecordInteractionResponse again = record(customer, interaction);

    assertThat(first.getAlreadyRecorded()).isFalse();
    assertThat(again.getAlreadyRecorded()).isTrue();
    assertThat(again.getInteraction()).isEqualTo(first.getInteraction());
    assertThat(platform().listCustomerProfileEvents(ListCustomerProfileEventsRequest.newBuilder()
        .addCustomerIds(id(customer)).setFilter(INTERACTIONS).build()).getEventsList()).hasSize(1);
  }

  @Test
  void concurrentRecordingsOfOneExternalIdKeepExactlyOne() throws Exception {
    String customer = newCustomer();
    Interaction interaction = call(externalId(), BASE);

    List<RecordInteractionResponse> responses = concurrently(12, i -> record(customer, interaction));

    assertThat(responses).filteredOn(r -> !r.getAlreadyRecorded()).hasSize(1);
    assertThat(new HashSet<>(responses.stream().map(r -> r.getInteraction().getName()).toList())).hasSize(1);
    assertThat(profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent(customer).build())
        .getInteractionsList()).hasSize(1);
  }

  @Test
  void anExternalIdReusedWithOtherContentOrByAnotherCustomerIsRefused() throws Exception {
    String customer = newCustomer();
    Interaction interaction = call(externalId(), BASE);
    record(customer, interaction);

    StatusRuntimeException changed = failure(() -> record(customer, interaction.toBuilder().setSummary("Else").build()));
    StatusRuntimeException elsewhere = failure(() -> record(newCustomer(), interaction));

    for (StatusRuntimeException e : List.of(changed, elsewhere)) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
      assertThat(errorInfo(e).getReason()).isEqualTo("EXTERNAL_ID_REUSED");
    }
  }

  // Bad input.

  @Test
  void badTouchpointsAreRejectedNamingTheFieldAndNothingIsWritten() throws Exception {
    String customer = newCustomer();
    Interaction good = call(externalId(), BASE);
    record Case(Interaction interaction, String field) {
    }
    List<Case> cases = List.of(
        new Case(good.toBuilder().clearExternalId().build(), "interaction.external_id"),
        new Case(good.toBuilder().setExternalId("x".repeat(257)).build(), "interaction.external_id"),
        new Case(good.toBuilder().setChannel(Channel.CHANNEL_UNSPECIFIED).build(), "interaction.channel"),
        new Case(good.toBuilder().setChannelValue(77).build(), "interaction.channel"),
        new Case(good.toBuilder().setType(InteractionType.INTERACTION_TYPE_UNSPECIFIED).build(), "interaction.type"),
        new Case(good.toBuilder().setTypeValue(77).build(), "interaction.type"),
        new Case(good.toBuilder().setDirectionValue(77).build(), "interaction.direction"),
        new Case(good.toBuilder().setSummary("s".repeat(501)).build(), "interaction.summary"),
        new Case(good.toBuilder().clearOccurTime().build(), "interaction.occur_time"),
        new Case(good.toBuilder().setOccurTime(Timestamp.newBuilder()
            .setSeconds(Instant.now().plusSeconds(3600).getEpochSecond())).build(), "interaction.occur_time"),
        new Case(good.toBuilder().setOccurTime(Timestamp.newBuilder().setSeconds(-5)).build(), "interaction.occur_time"),
        new Case(good.toBuilder().setDuration(Duration.newBuilder().setSeconds(-1)).build(), "interaction.duration"),
        new Case(good.toBuilder().setDuration(Duration.newBuilder().setSeconds(90_000)).build(), "interaction.duration"),
        new Case(good.toBuilder().setAgent("a".repeat(129)).build(), "interaction.agent"),
        new Case(good.toBuilder().putMetadata("$where", "1").build(), "interaction.metadata"),
        new Case(good.toBuilder().addRelatedResources("{\"$ne\": null}").build(), "interaction.related_resources[1]"));
    for (Case c : cases) {
      StatusRuntimeException e = failure(() -> record(customer, c.interaction()));
      assertThat(e.getStatus().getCode()).as(c.field()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(violatedFields(e)).as(c.field()).contains(c.field());
    }
    assertThat(violatedFields(failure(() -> profiles.recordInteraction(RecordInteractionRequest.newBuilder()
        .setParent(customer).build())))).containsExactly("interaction");
    assertThat(profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent(customer).build())
        .getInteractionsList()).isEmpty();
  }

  @Test
  void unknownCustomersAndOtherCustomersInteractionsAreNotFound() throws Exception {
    String customer = newCustomer();
    Interaction recorded = record(customer, call(externalId(), BASE)).getInteraction();
    String otherCustomer = newCustomer();
    String foreignName = otherCustomer + "/interactions/" + id(recorded.getName());

    List<Runnable> calls = List.of(
        () -> record("customers/doesnotexist", call(externalId(), BASE)),
        () -> profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent("customers/doesnotexist").build()),
        () -> profiles.getInteraction(GetInteractionRequest.newBuilder().setName(foreignName).build()),
        () -> profiles.getInteraction(GetInteractionRequest.newBuilder()
            .setName(customer + "/interactions/doesnotexist").build()));
    for (Runnable call : calls) {
      StatusRuntimeException e = failure(call);
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
      assertThat(errorInfo(e).getReason()).isEqualTo("RESOURCE_NOT_FOUND");
    }
    assertThat(violatedFields(failure(() -> profiles.getInteraction(GetInteractionRequest.newBuilder()
        .setName(customer + "/interactions/{\"$ne\":1}").build())))).containsExactly("name");
  }

  // Listing.

  @Test
  void interactionsPageNewestFirstAndFilterByTypeChannelAndTime() throws Exception {
    String customer = newCustomer();
    for (int i = 0; i < 5; i++) {
      record(customer, call(externalId(), BASE.plusSeconds(i * 60L)));
    }
    record(customer, call(externalId(), BASE.plusSeconds(30)).toBuilder()
        .setType(InteractionType.INTERACTION_TYPE_WEB_VISIT).setChannel(Channel.CHANNEL_WEB).build());
    List<Interaction> all = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      ListInteractionsResponse page = profiles.listInteractions(ListInteractionsRequest.newBuilder()
          .setParent(customer).setPageSize(4).setPageToken(token).build());
      all.addAll(page.getInteractionsList());
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());
    String firstToken = profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent(customer)
        .setPageSize(1).build()).getNextPageToken();

    assertThat(pages).isEqualTo(2);
    assertThat(all).hasSize(6).extracting(i -> i.getOccurTime().getSeconds())
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent(customer)
        .addTypes(InteractionType.INTERACTION_TYPE_WEB_VISIT).build()).getInteractionsList()).hasSize(1);
    assertThat(profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent(customer)
        .addChannels(Channel.CHANNEL_CALL_CENTER).build()).getInteractionsList()).hasSize(5);
    assertThat(profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent(customer)
        .setStartTime(Timestamp.newBuilder().setSeconds(BASE.plusSeconds(120).getEpochSecond()))
        .setEndTime(Timestamp.newBuilder().setSeconds(BASE.plusSeconds(240).getEpochSecond())).build())
        .getInteractionsList()).hasSize(2);
    assertThat(violatedFields(failure(() -> profiles.listInteractions(ListInteractionsRequest.newBuilder()
        .setParent(customer).addTypes(InteractionType.INTERACTION_TYPE_CALL).setPageToken(firstToken).build()))))
        .containsExactly("page_token");
    assertThat(violatedFields(failure(() -> profiles.listInteractions(ListInteractionsRequest.newBuilder()
        .setParent(customer).addTypes(InteractionType.INTERACTION_TYPE_UNSPECIFIED).build()))))
        .containsExactly("types[0]");
    assertThat(violatedFields(failure(() -> profiles.listInteractions(ListInteractionsRequest.newBuilder()
        .setParent(customer).setPageSize(-3).build())))).containsExactly("page_size");
  }

  // The timeline.

  @Test
  void theTimelineCoversEveryIdGivenWithConsentChangesAndPagesExactlyOnce() {
    String first = newCustomer();
    String second = newCustomer();
    for (int i = 0; i < 3; i++) {
      record(first, call(externalId(), BASE.plusSeconds(i)));
      record(second, call(externalId(), BASE.plusSeconds(i)));
    }
    profiles.changeConsents(ChangeConsentsRequest.newBuilder().setCustomer(first)
        .addConsents(Consent.newBuilder().setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING)
            .setChannel(ConsentChannel.CONSENT_CHANNEL_EMAIL).setStatus(ConsentStatus.CONSENT_STATUS_DENIED)
            .setSource(ConsentSource.newBuilder().setChannel(Channel.CHANNEL_WEB))).build());
    List<TimelineEvent> all = new ArrayList<>();
    String token = "";
    do {
      ListCustomerProfileEventsResponse page = platform().listCustomerProfileEvents(
          ListCustomerProfileEventsRequest.newBuilder().addCustomerIds(id(first)).addCustomerIds(id(second))
              .setFilter(TimelineFilter.newBuilder().addKinds("interaction").addKinds("consent"))
              .setPageSize(2).setPageToken(token).build());
      all.addAll(page.getEventsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    ListCustomerProfileEventsResponse consentOnly = platform().listCustomerProfileEvents(
        ListCustomerProfileEventsRequest.newBuilder().addCustomerIds(id(first))
            .setFilter(TimelineFilter.newBuilder().addKinds("consent")).build());

    assertThat(all).hasSize(7);
    assertThat(new HashSet<>(all.stream().map(TimelineEvent::getEventId).toList())).hasSize(7);
    assertThat(all.get(0).getKind()).isEqualTo("consent.changed");
    assertThat(consentOnly.getEventsList()).singleElement()
        .satisfies(e -> assertThat(e.getSummary()).isEqualTo("marketing by email: denied"));
  }

  @Test
  void theTimelineRejectsBadIdsKindsChannelsAndTokens() throws Exception {
    String customer = newCustomer();
    record(customer, call(externalId(), BASE));
    record(customer, call(externalId(), BASE.plusSeconds(1)));
    String token = platform().listCustomerProfileEvents(ListCustomerProfileEventsRequest.newBuilder()
        .addCustomerIds(id(customer)).setPageSize(1).build()).getNextPageToken();

    assertThat(violatedFields(failure(() -> platform().listCustomerProfileEvents(
        ListCustomerProfileEventsRequest.getDefaultInstance())))).containsExactly("customer_ids");
    assertThat(violatedFields(failure(() -> platform().listCustomerProfileEvents(ListCustomerProfileEventsRequest
        .newBuilder().addCustomerIds(id(customer)).addCustomerIds("{\"$gt\":\"\"}").build()))))
        .containsExactly("customer_ids[1]");
    assertThat(violatedFields(failure(() -> platform().listCustomerProfileEvents(ListCustomerProfileEventsRequest
        .newBuilder().addCustomerIds(id(customer)).setFilter(TimelineFilter.newBuilder().addKinds("Bad Kind")).build()))))
        .containsExactly("filter.kinds[0]");
    assertThat(violatedFields(failure(() -> platform().listCustomerProfileEvents(ListCustomerProfileEventsRequest
        .newBuilder().addCustomerIds(id(customer))
        .setFilter(TimelineFilter.newBuilder().addChannels(Channel.CHANNEL_UNSPECIFIED)).build()))))
        .containsExactly("filter.channels[0]");
    assertThat(violatedFields(failure(() -> platform().listCustomerProfileEvents(ListCustomerProfileEventsRequest
        .newBuilder().addCustomerIds(id(newCustomer())).setPageToken(token).build()))))
        .containsExactly("page_token");
  }

  // Erasure.

  @Test
  void erasureRemovesTouchpointsConsentsAndAuditReasonsAndRefusesNewOnes() throws Exception {
    String customer = newCustomer();
    Interaction recorded = record(customer, call(externalId(), BASE)).getInteraction();
    profiles.changeConsents(ChangeConsentsRequest.newBuilder().setCustomer(customer)
        .addConsents(Consent.newBuilder().setPurpose(ConsentPurpose.CONSENT_PURPOSE_SURVEYS)
            .setChannel(ConsentChannel.CONSENT_CHANNEL_ANY).setStatus(ConsentStatus.CONSENT_STATUS_GRANTED)
            .setSource(ConsentSource.newBuilder().setChannel(Channel.CHANNEL_WEB))).build());

    EraseCustomerResponse receipt = platform().eraseCustomer(EraseCustomerRequest.newBuilder()
        .addCustomerIds(id(customer)).setPrivacyRequest("privacyRequests/" + UUID.randomUUID()).build());

    assertThat(receipt.getDispositionsList()).extracting(DataDispositionEntry::getRecordType)
        .contains("interaction", "consent", "consent_change", "audit_entry.personal_content");
    assertThat(receipt.getDispositionsList()).filteredOn(d -> d.getRecordType().equals("interaction"))
        .singleElement().satisfies(d -> assertThat(d.getRecordCount()).isEqualTo(1));
    assertThat(failure(() -> profiles.getInteraction(GetInteractionRequest.newBuilder().setName(recorded.getName())
        .build())).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(profiles.checkConsent(CheckConsentRequest.newBuilder().setCustomer(customer)
        .setPurpose(ConsentPurpose.CONSENT_PURPOSE_SURVEYS).setChannel(ConsentChannel.CONSENT_CHANNEL_EMAIL).build()))
        .satisfies(c -> {
          assertThat(c.getAllowed()).isFalse();
          assertThat(c.getBasis()).isEqualTo(ConsentCheckBasis.CONSENT_CHECK_BASIS_CUSTOMER_ERASED);
        });
    assertThat(profiles.listConsentChanges(ListConsentChangesRequest.newBuilder().setParent(customer).build())
        .getConsentChangesList()).isEmpty();
    StatusRuntimeException interaction = failure(() -> record(customer, call(externalId(), BASE)));
    StatusRuntimeException consent = failure(() -> profiles.changeConsents(ChangeConsentsRequest.newBuilder()
        .setCustomer(customer).addConsents(Consent.newBuilder().setPurpose(ConsentPurpose.CONSENT_PURPOSE_SURVEYS)
            .setChannel(ConsentChannel.CONSENT_CHANNEL_ANY).setStatus(ConsentStatus.CONSENT_STATUS_GRANTED)
            .setSource(ConsentSource.newBuilder().setChannel(Channel.CHANNEL_WEB))).build()));
    for (StatusRuntimeException e : List.of(interaction, consent)) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(errorInfo(e).getReason()).isEqualTo("CUSTOMER_ERASED");
    }
  }

  // Merges.

  @Test
  void aSurvivorListsTheTouchpointsOfEveryIdMergedIntoItUntilTheyAreUnmerged() {
    String survivor = newCustomer();
    String merged = newCustomer();
    record(survivor, call(externalId(), BASE));
    Interaction theirs = record(merged, call(externalId(), BASE.plusSeconds(60))).getInteraction();
    profiles.mergeCustomers(MergeCustomersRequest.newBuilder().setSurvivor(survivor).setMergedCustomer(merged)
        .setReason("same person").setRequestId(UUID.randomUUID().toString()).build());

    Interaction viaAlias = record(merged, call(externalId(), BASE.plusSeconds(120))).getInteraction();

    assertThat(viaAlias.getName()).startsWith(merged + "/interactions/");
    assertThat(profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent(survivor).build())
        .getInteractionsList()).hasSize(3);
    assertThat(profiles.getInteraction(GetInteractionRequest.newBuilder()
        .setName(survivor + "/interactions/" + id(theirs.getName())).build()).getInteraction()).isEqualTo(theirs);

    profiles.unmergeCustomer(UnmergeCustomerRequest.newBuilder().setCustomer(survivor).setMergedCustomer(merged)
        .setReason("different people").setRequestId(UUID.randomUUID().toString()).build());

    assertThat(profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent(survivor).build())
        .getInteractionsList()).hasSize(1);
    assertThat(profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent(merged).build())
        .getInteractionsList()).hasSize(2);
  }

  /** The stub calling as a platform service, for the internal RPCs. */
  private ProfileServiceBlockingStub platform() {
    return TestCallers.service(profiles, tokens);
  }
}
