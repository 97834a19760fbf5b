package cx.profile.api;

import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.CreateCustomerResponse;
import cx.profile.v1.Customer;
import cx.profile.v1.CustomerAttributes;
import cx.profile.v1.CustomerState;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.Identity;
import cx.profile.v1.IdentityType;
import cx.profile.v1.ProfileServiceGrpc.ProfileServiceBlockingStub;
import cx.profile.v1.SearchCustomersRequest;
import cx.profile.v1.UpdateCustomerRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drives the real service through the generated stub on an in-process channel, with the store
 * on the embedded MongoDB-wire server (and, in {@link CustomerApiOnMongoDbTest}, on a real
 * MongoDB).
 */
abstract class CustomerApiTest {

  @Autowired
  ProfileServiceBlockingStub profiles;

  static Identity email(String address) {
    return Identity.newBuilder().setType(IdentityType.IDENTITY_TYPE_EMAIL).setValue(address).build();
  }

  static String uniqueEmail() {
    return "Customer." + UUID.randomUUID() + "@Example.com";
  }

  CreateCustomerResponse create(Customer customer, String requestId) {
    return profiles.createCustomer(CreateCustomerRequest.newBuilder().setCustomer(customer).setRequestId(requestId).build());
  }



  // Creating and reading.

  @Test
  void aCreatedCustomerReadsBackWithNormalisedIdentities() {
    String address = uniqueEmail();
    Customer created = create(Customer.newBuilder().setDisplayName("Ada Lovelace").addIdentities(email(address)).build(),
        UUID.randomUUID().toString()).getCustomer();

    Customer read = profiles.getCustomer(GetCustomerRequest.newBuilder().setName(created.getName()).build()).getCustomer();

    assertThat(read.getName()).matches("customers/[a-z0-9]{16}");
    assertThat(read.getDisplayName()).isEqualTo("Ada Lovelace");
    assertThat(read.getState()).isEqualTo(CustomerState.CUSTOMER_STATE_ACTIVE);
    assertThat(read.getVersion()).isEqualTo(1);
    assertThat(read.getIdentities(0).getValue()).isEqualTo(address.toLowerCase());
    assertThat(read.hasCreateTime()).isTrue();
  }

  @Test
  void serverOwnedFieldsInTheRequestAreIgnored() {
    Customer created = create(Customer.newBuilder()
        .setName("customers/chosen-by-caller")
        .setDisplayName("Grace")
        .setState(CustomerState.CUSTOMER_STATE_MERGED)
        .setVersion(99)
        .setMergedInto("customers/elsewhere")
        .build(), UUID.randomUUID().toString()).getCustomer();

    assertThat(created.getName()).isNotEqualTo("customers/chosen-by-caller");
    assertThat(created.getState()).isEqualTo(CustomerState.CUSTOMER_STATE_ACTIVE);
    assertThat(created.getVersion()).isEqualTo(1);
    assertThat(created.getMergedInto()).isEmpty();
  }

  @Test
  void anUnknownCustomerIsNotFound() throws Exception {
    StatusRuntimeException e = failure(() -> profiles.getCustomer(
        GetCustomerRequest.newBuilder().setName("customers/doesnotexist").build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(errorInfo(e).getReason()).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(errorInfo(e).getDomain()).isEqualTo("profile.cx");
  }

  // Idempotency.

  @Test
  void aRetryWithTheSameRequestIdReturnsTheFirstCustomer() {
    String requestId = UUID.randomUUID().toString();
    Customer customer = Customer.newBuilder().setDisplayName("Retry Me").addIdentities(email(uniqueEmail())).build();

    Customer first = create(customer, requestId).getCustomer();
    Customer second = create(customer, requestId).getCustomer();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void theSameRequestIdWithAnotherPayloadIsRefused() throws Exception {
    String requestId = UUID.randomUUID().toString();
    create(Customer.newBuilder().setDisplayName("First").build(), requestId);

    StatusRuntimeException e = failure(() -> create(Customer.newBuilder().setDisplayName("Second").build(), requestId));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(errorInfo(e).getReason()).isEqualTo("REQUEST_ID_REUSED");
  }

  @Test
  void manyConcurrentCreatesWithOneNewEmailLeaveExactlyOneOwner() throws Exception {
    String address = uniqueEmail();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String requestId = UUID.randomUUID().toString();
        calls.add(() -> {
          try {
            return create(Customer.newBuilder().setDisplayName("Racer").addIdentities(email(address)).build(), requestId)
                .getCustomer().getName();
          } catch (StatusRuntimeException e) {
            return e.getStatus().getCode().name();
          }
        });
      }
      List<String> outcomes = new ArrayList<>();
      for (Future<String> future : pool.invokeAll(calls)) {
        outcomes.add(future.get());
      }
      Set<String> winners = new HashSet<>(outcomes);
      winners.remove("ALREADY_EXISTS");

      assertThat(winners).hasSize(1);
      assertThat(outcomes).filteredOn("ALREADY_EXISTS"::equals).hasSize(23);
    } finally {
      pool.shutdownNow();
    }
  }

  // Bad input.

  @Test
  void anInvalidEmailIsRejectedNamingTheFieldAndNothingIsWritten() throws Exception {
    String good = uniqueEmail();
    StatusRuntimeException e = failure(() -> create(Customer.newBuilder().setDisplayName("Bad")
        .addIdentities(email(good)).addIdentities(email("{\"$ne\": null}")).build(), UUID.randomUUID().toString()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    BadRequest badRequest = StatusProto.fromThrowable(e).getDetailsList().stream()
        .filter(d -> d.is(BadRequest.class)).findFirst().orElseThrow().unpack(BadRequest.class);
    assertThat(badRequest.getFieldViolations(0).getField()).isEqualTo("customer.identities[1].value");
    // The valid email of the rejected request is still free.
    assertThat(create(Customer.newBuilder().addIdentities(email(good)).build(), UUID.randomUUID().toString())
        .getCustomer().getIdentitiesCount()).isEqualTo(1);
  }

  @Test
  void anIdentityOfAnotherCustomerIsRefusedAndTheRestIsReleased() throws Exception {
    String taken = uniqueEmail();
    String free = uniqueEmail();
    create(Customer.newBuilder().addIdentities(email(taken)).build(), UUID.randomUUID().toString());

    StatusRuntimeException e = failure(() -> create(Customer.newBuilder()
        .addIdentities(email(free)).addIdentities(email(taken)).build(), UUID.randomUUID().toString()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(errorInfo(e).getReason()).isEqualTo("IDENTITY_IN_USE");
    assertThat(create(Customer.newBuilder().addIdentities(email(free)).build(), UUID.randomUUID().toString())
        .getCustomer().getIdentitiesCount()).isEqualTo(1);
  }

  @Test
  void aMalformedNameIsAnInvalidArgument() {
    for (String name : List.of("", "customer/x", "customers/", "customers/a/b", "customers/{\"$ne\":1}")) {
      StatusRuntimeException e = failure(() -> profiles.getCustomer(GetCustomerRequest.newBuilder().setName(name).build()));
      assertThat(e.getStatus().getCode()).as(name).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
  }

  @Test
  void anEmptyCustomerIsRejected() {
    StatusRuntimeException e = failure(() -> create(Customer.getDefaultInstance(), UUID.randomUUID().toString()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).doesNotContain("Exception").doesNotContain("cx.");
  }

  @Test
  void aMalformedRequestIdIsRejected() {
    StatusRuntimeException e = failure(() -> create(Customer.newBuilder().setDisplayName("X").build(), "{\"$gt\": \"\"}"));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  // Updating one trait.

  UpdateCustomerRequest.Builder traitUpdate(Customer customer, Map<String, String> traits, String... paths) {
    return UpdateCustomerRequest.newBuilder()
        .setCustomer(Customer.newBuilder().setName(customer.getName())
            .setAttributes(CustomerAttributes.newBuilder().putAllTraits(traits)))
        .setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths)));
  }

  @Test
  void aTraitPathSetsOrRemovesThatTraitAndLeavesTheOthers() {
    Customer created = create(Customer.newBuilder().setDisplayName("Trait Holder")
        .setAttributes(CustomerAttributes.newBuilder().putTraits("store", "zurich-hb").putTraits("size", "m")
            .putTraits("pet", "cat")).build(), UUID.randomUUID().toString()).getCustomer();

    Customer changed = profiles.updateCustomer(traitUpdate(created,
        Map.of("store", "basel", "colour", "blue", "pet", "ignored: not in the mask"),
        "attributes.traits.store", "attributes.traits.colour").setExpectedVersion(created.getVersion()).build())
        .getCustomer();
    Customer removed = profiles.updateCustomer(traitUpdate(changed, Map.of(), "attributes.traits.size")
        .setExpectedVersion(changed.getVersion()).build()).getCustomer();

    assertThat(changed.getAttributes().getTraitsMap())
        .isEqualTo(Map.of("store", "basel", "colour", "blue", "size", "m", "pet", "cat"));
    assertThat(changed.getVersion()).isEqualTo(created.getVersion() + 1);
    assertThat(removed.getAttributes().getTraitsMap()).isEqualTo(Map.of("store", "basel", "colour", "blue", "pet", "cat"));
    assertThat(profiles.getCustomer(GetCustomerRequest.newBuilder().setName(created.getName()).build()).getCustomer()
        .getAttributes().getTraitsMap()).isEqualTo(removed.getAttributes().getTraitsMap());
  }

  @Test
  void aTraitPathKeepsTheVersionCheckAndRefusesAKeyATraitCannotHave() throws Exception {
    Customer created = create(Customer.newBuilder().setDisplayName("Trait Checker").build(),
        UUID.randomUUID().toString()).getCustomer();
    profiles.updateCustomer(traitUpdate(created, Map.of("a", "1"), "attributes.traits.a").build());

    StatusRuntimeException stale = failure(() -> profiles.updateCustomer(traitUpdate(created, Map.of("b", "2"),
        "attributes.traits.b").setExpectedVersion(created.getVersion()).build()));
    assertThat(stale.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
    assertThat(errorInfo(stale).getReason()).isEqualTo("VERSION_CONFLICT");
    for (String path : List.of("attributes.traits.", "attributes.traits.$set", "attributes.traits. ",
        "attributes.traits." + "k".repeat(201))) {
      StatusRuntimeException e = failure(() -> profiles.updateCustomer(traitUpdate(created, Map.of(), path).build()));
      assertThat(e.getStatus().getCode()).as(path).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(badRequest(e).getFieldViolations(0).getField()).as(path).isEqualTo("update_mask");
    }
    assertThat(profiles.getCustomer(GetCustomerRequest.newBuilder().setName(created.getName()).build()).getCustomer()
        .getAttributes().getTraitsMap()).isEqualTo(Map.of("a", "1"));
  }

  // Searching by name.

  @Test
  void aNamePrefixOutsideTwoToOneHundredCharactersIsRefusedNamingTheField() throws Exception {
    String prefix = "Pf" + UUID.randomUUID().toString().substring(0, 8);
    Customer named = create(Customer.newBuilder().setDisplayName(prefix + " Person").build(),
        UUID.randomUUID().toString()).getCustomer();

    for (String bad : List.of("P", " P ", "\uD835\uDC9C", "P".repeat(101))) {
      StatusRuntimeException e = failure(() -> profiles.searchCustomers(SearchCustomersRequest.newBuilder()
          .setNamePrefix(bad).build()));
      assertThat(e.getStatus().getCode()).as(bad).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(badRequest(e).getFieldViolations(0).getField()).as(bad).isEqualTo("name_prefix");
    }
    assertThat(profiles.searchCustomers(SearchCustomersRequest.newBuilder().setNamePrefix(prefix.substring(0, 2))
        .setPageSize(1000).build()).getCustomersList()).isNotEmpty();
    assertThat(profiles.searchCustomers(SearchCustomersRequest.newBuilder()
        .setNamePrefix((prefix + " Person" + "x".repeat(100)).substring(0, 100)).build()).getCustomersList()).isEmpty();
    assertThat(profiles.searchCustomers(SearchCustomersRequest.newBuilder().setNamePrefix(prefix).build())
        .getCustomersList()).extracting(Customer::getName).containsExactly(named.getName());
  }

  static BadRequest badRequest(StatusRuntimeException e) throws Exception {
    return StatusProto.fromThrowable(e).getDetailsList().stream()
        .filter(d -> d.is(BadRequest.class)).findFirst().orElseThrow().unpack(BadRequest.class);
  }
}
