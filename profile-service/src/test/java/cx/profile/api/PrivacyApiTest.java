package cx.profile.api;

import static cx.runtime.testing.GrpcCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import cx.common.v1.Channel;
import cx.common.v1.DataDisposition;
import cx.common.v1.DataDispositionEntry;
import cx.profile.v1.ChangeConsentsRequest;
import cx.profile.v1.Consent;
import cx.profile.v1.ConsentChannel;
import cx.profile.v1.ConsentPurpose;
import cx.profile.v1.ConsentSource;
import cx.profile.v1.ConsentStatus;
import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.Customer;
import cx.profile.v1.CustomerState;
import cx.profile.v1.EraseCustomerRequest;
import cx.profile.v1.EraseCustomerResponse;
import cx.profile.v1.ExportCustomerDataRequest;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.Identity;
import cx.profile.v1.IdentityType;
import cx.profile.v1.LookupCustomerRequest;
import cx.profile.v1.MergeCustomersRequest;
import cx.profile.v1.ProfileServiceGrpc.ProfileServiceBlockingStub;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.TestCallers;
import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** This service's part of export and erasure, through the real stub. */
abstract class PrivacyApiTest {

  @Autowired
  ProfileServiceBlockingStub profiles;

  @Autowired
  CallerTokens tokens;

  static Identity email(String address) {
    return Identity.newBuilder().setType(IdentityType.IDENTITY_TYPE_EMAIL).setValue(address).build();
  }

  Customer create(String name, Identity identity) {
    return profiles.createCustomer(CreateCustomerRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
        .setCustomer(Customer.newBuilder().setDisplayName(name).setFamilyName("Private").addIdentities(identity))
        .build()).getCustomer();
  }

  static String id(Customer customer) {
    return customer.getName().substring("customers/".length());
  }

  @Test
  void anErasedCustomerIsATombstoneAndItsIdentifiersCanBeReused() {
    String a = "erase." + UUID.randomUUID() + "@example.org";
    String b = "erase." + UUID.randomUUID() + "@example.org";
    Customer survivor = create("Erin Erased", email(a));
    Customer merged = create("Erin Again", email(b));
    profiles.mergeCustomers(MergeCustomersRequest.newBuilder().setSurvivor(survivor.getName())
        .setMergedCustomer(merged.getName()).setReason("same person").build());
    String request = "privacyRequests/" + UUID.randomUUID();

    EraseCustomerResponse receipt = platform().eraseCustomer(EraseCustomerRequest.newBuilder()
        .addCustomerIds(id(survivor)).addCustomerIds(id(merged)).setPrivacyRequest(request).build());

    Customer tombstone = profiles.getCustomer(GetCustomerRequest.newBuilder().setName(survivor.getName()).build())
        .getCustomer();
    assertThat(tombstone.getState()).isEqualTo(CustomerState.CUSTOMER_STATE_ERASED);
    assertThat(tombstone.getDisplayName()).isEmpty();
    assertThat(tombstone.getFamilyName()).isEmpty();
    assertThat(tombstone.getIdentitiesList()).isEmpty();
    assertThat(receipt.getDispositionsList()).anySatisfy(d -> {
      assertThat(d.getRecordType()).isEqualTo("identity");
      assertThat(d.getDisposition()).isEqualTo(DataDisposition.DATA_DISPOSITION_REMOVED);
      assertThat(d.getRecordCount()).isEqualTo(2);
    });
    assertThat(failure(() -> profiles.lookupCustomer(LookupCustomerRequest.newBuilder()
        .setType(IdentityType.IDENTITY_TYPE_EMAIL).setValue(a).build())).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(create("Someone New", email(a)).getIdentities(0).getValue()).isEqualTo(a);

    EraseCustomerResponse again = platform().eraseCustomer(EraseCustomerRequest.newBuilder()
        .addCustomerIds(id(survivor)).addCustomerIds(id(merged)).setPrivacyRequest(request).build());
    assertThat(again).isEqualTo(receipt);
    var export = platform().exportCustomerData(ExportCustomerDataRequest.newBuilder().addCustomerIds(id(survivor))
        .setPrivacyRequest("privacyRequests/" + UUID.randomUUID()).build());
    assertThat(export.getData().toString()).doesNotContain("Erin").doesNotContain(a).doesNotContain(b);
  }

  @Test
  void anExportHoldsTheCustomersProfileConsentsAndMergesAndGetShowsCurrentConsents() {
    String a = "export." + UUID.randomUUID() + "@example.org";
    Customer customer = create("Ezra Export", email(a));
    profiles.changeConsents(ChangeConsentsRequest.newBuilder().setCustomer(customer.getName())
        .addConsents(Consent.newBuilder().setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING)
            .setChannel(ConsentChannel.CONSENT_CHANNEL_EMAIL).setStatus(ConsentStatus.CONSENT_STATUS_DENIED)
            .setSource(ConsentSource.newBuilder().setChannel(Channel.CHANNEL_WEB))).build());

    assertThat(profiles.getCustomer(GetCustomerRequest.newBuilder().setName(customer.getName()).build())
        .getCustomer().getConsentsList()).extracting(Consent::getStatus).containsExactly(ConsentStatus.CONSENT_STATUS_DENIED);
    var export = platform().exportCustomerData(ExportCustomerDataRequest.newBuilder().addCustomerIds(id(customer))
        .setPrivacyRequest("privacyRequests/" + UUID.randomUUID()).build());

    assertThat(export.getData().getCustomersList()).extracting(Customer::getDisplayName).containsExactly("Ezra Export");
    assertThat(export.getData().getConsentChangesList()).hasSize(1);
    assertThat(export.getDispositionsList()).extracting(DataDispositionEntry::getDisposition)
        .containsOnly(DataDisposition.DATA_DISPOSITION_EXPORTED);
  }

  @Test
  void badPrivacyCallsAreInvalidArguments() {
    for (var call : List.<Runnable>of(
        () -> platform().eraseCustomer(EraseCustomerRequest.newBuilder().setPrivacyRequest("privacyRequests/x").build()),
        () -> platform().eraseCustomer(EraseCustomerRequest.newBuilder().addCustomerIds("ok").setPrivacyRequest("x").build()),
        () -> platform().eraseCustomer(EraseCustomerRequest.newBuilder().addCustomerIds("{\"$ne\":1}")
            .setPrivacyRequest("privacyRequests/x").build()))) {
      assertThat(failure(call).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
  }

  /** The stub calling as a platform service, for the internal RPCs. */
  private ProfileServiceBlockingStub platform() {
    return TestCallers.service(profiles, tokens);
  }
}
