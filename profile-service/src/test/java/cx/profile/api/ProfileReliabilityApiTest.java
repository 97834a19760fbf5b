package cx.profile.api;

import static cx.runtime.testing.GrpcCalls.concurrently;
import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.outcomeOf;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static cx.runtime.testing.HostileInput.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import cx.common.v1.Channel;
import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.CreateCustomerResponse;
import cx.profile.v1.Customer;
import cx.profile.v1.CustomerState;
import cx.profile.v1.GetInteractionRequest;
import cx.profile.v1.Identity;
import cx.profile.v1.IdentityType;
import cx.profile.v1.Interaction;
import cx.profile.v1.ListAuditEntriesRequest;
import cx.profile.v1.ListConsentChangesRequest;
import cx.profile.v1.ListCustomerProfileEventsRequest;
import cx.profile.v1.ListInteractionsRequest;
import cx.profile.v1.ListMergeCandidatesRequest;
import cx.profile.v1.ListMergesRequest;
import cx.profile.v1.ListPrivacyRequestsRequest;
import cx.profile.v1.LookupCustomerRequest;
import cx.profile.v1.ProfileServiceGrpc.ProfileServiceBlockingStub;
import cx.profile.v1.RecordInteractionRequest;
import cx.profile.v1.RecordInteractionResponse;
import cx.profile.v1.SearchCustomersRequest;
import cx.profile.v1.SearchCustomersResponse;
import cx.profile.v1.UpdateCustomerRequest;
import cx.runtime.auth.CallerTokens;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.testing.ErrorHygiene;
import cx.runtime.testing.HostileInput;
import cx.runtime.testing.RawDocuments;
import cx.runtime.testing.TestCallers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reliability promises of the profile API, checked against what is in the store: retried
 * creates make one record, masks cannot reach server-owned fields, hostile strings in searches,
 * look-ups and names match nothing extra, and lists keep their limits.
 */
abstract class ProfileReliabilityApiTest {

  static final int RETRIES = 50;

  @Autowired
  ProfileServiceBlockingStub profiles;

  @Autowired
  CallerTokens tokens;

  @Autowired
  MongoDatabase database;

  ProfileServiceBlockingStub admin() {
    return TestCallers.admin(profiles, tokens);
  }

  ProfileServiceBlockingStub platform() {
    return TestCallers.service(profiles, tokens);
  }

  static String id(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  Customer newCustomer(String displayName, Identity... identities) {
    return profiles.createCustomer(CreateCustomerRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
        .setCustomer(Customer.newBuilder().setDisplayName(displayName).addAllIdentities(List.of(identities)))
        .build()).getCustomer();
  }

  static Identity identity(IdentityType type, String value) {
    return Identity.newBuilder().setType(type).setValue(value).build();
  }

  static Interaction call(String externalId) {
    return Interaction.newBuilder()
        .setExternalId(externalId)
        .setChannel(Channel.CHANNEL_CALL_CENTER)
        .setType(cx.profile.v1.InteractionType.INTERACTION_TYPE_CALL)
        .setDirection(cx.profile.v1.InteractionDirection.INTERACTION_DIRECTION_INBOUND)
        .setSummary("Asked about a refund")
        .setOccurTime(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond() - 60))
        .build();
  }

  // Idempotency.

  @Test
  void fiftyConcurrentRecordingsOfOneInteractionStoreOneAndAnswerAlike() throws Exception {
    String customer = newCustomer("Rita Retry").getName();
    RecordInteractionRequest request = RecordInteractionRequest.newBuilder().setParent(customer)
        .setInteraction(call("telephony:" + UUID.randomUUID())).build();

    List<RecordInteractionResponse> answers = concurrently(RETRIES, i -> profiles.recordInteraction(request));

    assertThat(answers).extracting(RecordInteractionResponse::getInteraction)
        .containsOnly(answers.get(0).getInteraction());
    assertThat(answers).filteredOn(a -> !a.getAlreadyRecorded()).hasSize(1);
    assertThat(database.getCollection("interactions").countDocuments(Filters.eq("customerId", id(customer))))
        .isEqualTo(1);
  }

  @Test
  void anInteractionKeyWithOtherContentIsRefusedAndWritesNothing() throws Exception {
    String customer = newCustomer("Rita Retry").getName();
    Interaction interaction = call("telephony:" + UUID.randomUUID());
    profiles.recordInteraction(RecordInteractionRequest.newBuilder().setParent(customer)
        .setInteraction(interaction).build());
    List<String> before = RawDocuments.read(database, "interactions", Filters.eq("customerId", id(customer)));

    StatusRuntimeException e = failure(() -> profiles.recordInteraction(RecordInteractionRequest.newBuilder()
        .setParent(customer).setInteraction(interaction.toBuilder().setSummary("Something else")).build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(errorInfo(e).getReason()).isEqualTo("EXTERNAL_ID_REUSED");
    assertThat(RawDocuments.read(database, "interactions", Filters.eq("customerId", id(customer)))).isEqualTo(before);
  }

  @Test
  void fiftyConcurrentCreatesWithOneRequestIdStoreOneCustomerAndAnswerAlike() throws Exception {
    String address = "retry." + UUID.randomUUID() + "@example.com";
    CreateCustomerRequest request = CreateCustomerRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
        .setCustomer(Customer.newBuilder().setDisplayName("Concurrent Carla")
            .addIdentities(identity(IdentityType.IDENTITY_TYPE_EMAIL, address))).build();

    List<CreateCustomerResponse> answers = concurrently(RETRIES, i -> profiles.createCustomer(request));

    assertThat(answers).extracting(CreateCustomerResponse::getCustomer).containsOnly(answers.get(0).getCustomer());
    assertThat(database.getCollection("customers").countDocuments(Filters.eq("identities.value", address)))
        .isEqualTo(1);
    assertThat(database.getCollection("idempotency_keys")
        .countDocuments(Filters.eq("_id", "CreateCustomer/" + request.getRequestId()))).isEqualTo(1);
  }

  @Test
  void requestIdsAreKeptAtLeastADay() {
    assertThat(IdempotencyKeys.RETENTION).isGreaterThanOrEqualTo(Duration.ofHours(24));
    assertThat(RawDocuments.expireAfterSeconds(database, "idempotency_keys"))
        .hasValueSatisfying(seconds -> assertThat(seconds).isGreaterThanOrEqualTo(24 * 3600L));
  }

  // Mass assignment.

  @Test
  void aMaskNamingAServerOwnedFieldIsRefusedAndTheStoredProfileStaysByteIdentical() throws Exception {
    Customer created = newCustomer("Mass Assigned",
        identity(IdentityType.IDENTITY_TYPE_EMAIL, "mass." + UUID.randomUUID() + "@example.com"));
    Customer evil = evilCustomer(created);
    String before = RawDocuments.one(database, "customers", Filters.eq("_id", id(created.getName())));

    for (List<String> paths : List.of(List.of("name"), List.of("state"), List.of("version"), List.of("create_time"),
        List.of("update_time"), List.of("erase_time"), List.of("identities"), List.of("consents"),
        List.of("merged_into"), List.of("merged_customer_ids"), List.of("attribute_update_times"), List.of("*"),
        List.of("display_name", "state"), List.of("_id"), List.of("$set"), List.of("attributes.$where"))) {
      StatusRuntimeException e = failure(() -> profiles.updateCustomer(UpdateCustomerRequest.newBuilder()
          .setCustomer(evil).setUpdateMask(FieldMask.newBuilder().addAllPaths(paths)).build()));

      assertThat(e.getStatus().getCode()).as("mask %s", paths).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(violatedFields(e)).containsExactly("update_mask");
    }
    assertThat(RawDocuments.one(database, "customers", Filters.eq("_id", id(created.getName())))).isEqualTo(before);
  }

  @Test
  void anUpdateTakesOnlyTheMaskedFieldFromTheRequest() {
    Customer created = newCustomer("Mass Assigned",
        identity(IdentityType.IDENTITY_TYPE_EMAIL, "mass." + UUID.randomUUID() + "@example.com"));
    Document before = RawDocuments.document(database, "customers", Filters.eq("_id", id(created.getName())));

    profiles.updateCustomer(UpdateCustomerRequest.newBuilder().setCustomer(evilCustomer(created).toBuilder()
        .setDisplayName("Renamed")).setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build());

    Document after = RawDocuments.document(database, "customers", Filters.eq("_id", id(created.getName())));
    assertThat(after.getString("displayName")).isEqualTo("Renamed");
    assertThat(after.get("version", Number.class).longValue())
        .isEqualTo(before.get("version", Number.class).longValue() + 1);
    for (String serverOwned : List.of("_id", "state", "identities", "mergedInto", "mergedIds", "createTime")) {
      assertThat(after.get(serverOwned)).as(serverOwned).isEqualTo(before.get(serverOwned));
    }
  }

  static Customer evilCustomer(Customer created) {
    return created.toBuilder().setName(created.getName()).setState(CustomerState.CUSTOMER_STATE_ERASED)
        .setVersion(999).setCreateTime(Timestamp.newBuilder().setSeconds(1))
        .setMergedInto("customers/someone-else").addMergedCustomerIds("someone-else")
        .clearIdentities().addIdentities(identity(IdentityType.IDENTITY_TYPE_EMAIL, "taken.over@example.com"))
        .build();
  }

  // Injection.

  @Test
  void hostileSearchesAndLookUpsMatchNothingExtraOrAreInvalid() throws Exception {
    String email = "target." + UUID.randomUUID() + "@example.com";
    Customer target = newCustomer("Target Person", identity(IdentityType.IDENTITY_TYPE_EMAIL, email),
        identity(IdentityType.IDENTITY_TYPE_LOYALTY_ID, "L" + UUID.randomUUID().toString().substring(0, 8)));

    for (String hostile : HostileInput.STRINGS) {
      String outcome = outcomeOf(() -> {
        SearchCustomersResponse found = profiles.searchCustomers(SearchCustomersRequest.newBuilder()
            .setNamePrefix(hostile).build());
        assertThat(found.getCustomersList()).as("name prefix %s", hostile)
            .allSatisfy(c -> assertThat(c.getDisplayName()).startsWith(hostile.strip()));
      });
      assertThat(outcome).as("name prefix %s", hostile).isIn("OK", "INVALID_ARGUMENT");
      assertInvalid(() -> profiles.searchCustomers(SearchCustomersRequest.newBuilder().setEmail(hostile).build()),
          "email");
      assertInvalid(() -> profiles.searchCustomers(SearchCustomersRequest.newBuilder().setPhone(hostile).build()),
          "phone");
      for (IdentityType type : List.of(IdentityType.IDENTITY_TYPE_EMAIL, IdentityType.IDENTITY_TYPE_PHONE,
          IdentityType.IDENTITY_TYPE_LOYALTY_ID, IdentityType.IDENTITY_TYPE_SOCIAL_HANDLE,
          IdentityType.IDENTITY_TYPE_EXTERNAL_ID)) {
        String lookedUp = outcomeOf(() -> profiles.lookupCustomer(LookupCustomerRequest.newBuilder().setType(type)
            .setValue(hostile).setNetwork("instagram").setSystem("crm").build()));
        assertThat(lookedUp).as("%s %s", type, hostile).isIn("NOT_FOUND", "INVALID_ARGUMENT");
      }
      assertInvalid(() -> profiles.listInteractions(ListInteractionsRequest.newBuilder()
          .setParent("customers/" + hostile).build()), "parent");
      assertInvalid(() -> profiles.getInteraction(GetInteractionRequest.newBuilder()
          .setName(target.getName() + "/interactions/" + hostile).build()), "name");
    }
    // A name prefix is taken literally: "T.*" or "T^" is not a pattern that finds "Target Person".
    for (String pattern : List.of("T.*", "Targ.*", "^Target", "(Target)", "Target|x", "[T]arget")) {
      assertThat(profiles.searchCustomers(SearchCustomersRequest.newBuilder().setNamePrefix(pattern).build())
          .getCustomersList()).extracting(Customer::getName).doesNotContain(target.getName());
    }
    assertThat(profiles.searchCustomers(SearchCustomersRequest.newBuilder().setEmail(email.toUpperCase()).build())
        .getCustomersList()).extracting(Customer::getName).containsExactly(target.getName());
  }

  // Limits.

  @Test
  void everyListRefusesANegativePageSizeAndAcceptsTenThousand() throws Exception {
    String customer = newCustomer("Paged Person").getName();
    List<IntConsumer> lists = List.of(
        size -> profiles.searchCustomers(SearchCustomersRequest.newBuilder().setNamePrefix("Paged")
            .setPageSize(size).build()),
        size -> profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent(customer)
            .setPageSize(size).build()),
        size -> profiles.listMerges(ListMergesRequest.newBuilder().setParent(customer).setPageSize(size).build()),
        size -> profiles.listMergeCandidates(ListMergeCandidatesRequest.newBuilder().setPageSize(size).build()),
        size -> profiles.listConsentChanges(ListConsentChangesRequest.newBuilder().setParent(customer)
            .setPageSize(size).build()),
        size -> profiles.listAuditEntries(ListAuditEntriesRequest.newBuilder().setParent(customer)
            .setPageSize(size).build()),
        size -> admin().listPrivacyRequests(ListPrivacyRequestsRequest.newBuilder().setPageSize(size).build()),
        size -> platform().listCustomerProfileEvents(ListCustomerProfileEventsRequest.newBuilder()
            .addCustomerIds(id(customer)).setPageSize(size).build()));
    for (IntConsumer list : lists) {
      assertInvalid(() -> list.accept(-1), "page_size");
      list.accept(10_000);
    }
  }

  @Test
  void aPageTokenFromAnotherSearchOrListOrTamperedWithIsRefused() throws Exception {
    String prefix = "Tok" + UUID.randomUUID().toString().substring(0, 8);
    Customer first = newCustomer(prefix + " One");
    newCustomer(prefix + " Two");
    for (int i = 0; i < 2; i++) {
      profiles.recordInteraction(RecordInteractionRequest.newBuilder().setParent(first.getName())
          .setInteraction(call("telephony:" + UUID.randomUUID())).build());
    }
    String searchToken = profiles.searchCustomers(SearchCustomersRequest.newBuilder().setNamePrefix(prefix)
        .setPageSize(1).build()).getNextPageToken();
    String interactionsToken = profiles.listInteractions(ListInteractionsRequest.newBuilder()
        .setParent(first.getName()).setPageSize(1).build()).getNextPageToken();
    String tampered = searchToken.substring(0, searchToken.length() - 2) + (searchToken.endsWith("AA") ? "BB" : "AA");

    assertThat(searchToken).isNotEmpty();
    assertThat(interactionsToken).isNotEmpty();
    assertInvalid(() -> profiles.searchCustomers(SearchCustomersRequest.newBuilder().setNamePrefix("Other")
        .setPageToken(searchToken).build()), "page_token");
    assertInvalid(() -> profiles.searchCustomers(SearchCustomersRequest.newBuilder().setNamePrefix(prefix)
        .setPageToken(interactionsToken).build()), "page_token");
    assertInvalid(() -> profiles.listInteractions(ListInteractionsRequest.newBuilder().setParent(first.getName())
        .setPageToken(searchToken).build()), "page_token");
    assertInvalid(() -> profiles.listInteractions(ListInteractionsRequest.newBuilder()
        .setParent(newCustomer("Someone Else").getName()).setPageToken(interactionsToken).build()), "page_token");
    assertInvalid(() -> profiles.searchCustomers(SearchCustomersRequest.newBuilder().setNamePrefix(prefix)
        .setPageToken(tampered).build()), "page_token");
    for (String hostile : HostileInput.STRINGS) {
      assertInvalid(() -> profiles.searchCustomers(SearchCustomersRequest.newBuilder().setNamePrefix(prefix)
          .setPageToken(hostile).build()), "page_token");
    }
  }

  // Error hygiene.

  @Test
  void everyErrorThisServiceAnswersIsWatchedAndChecked() throws Exception {
    long before = ErrorHygiene.WATCH.errorsSeen();

    failure(() -> profiles.getInteraction(GetInteractionRequest.newBuilder()
        .setName("customers/unknown/interactions/unknown").build()));

    assertThat(ErrorHygiene.WATCH.errorsSeen()).isGreaterThan(before);
    assertThat(ErrorHygiene.WATCH.checked()).as("ErrorHygieneCheck is registered for every test").isTrue();
  }
}
