package cx.profile.api;

import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import cx.common.v1.Channel;
import cx.profile.domain.CustomerStore;
import cx.profile.domain.MergeJournal;
import cx.profile.domain.MergeRecord;
import cx.profile.v1.AddIdentityRequest;
import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.Customer;
import cx.profile.v1.CustomerAttributes;
import cx.profile.v1.CustomerState;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.GetCustomerResponse;
import cx.profile.v1.IdentifyOutcome;
import cx.profile.v1.IdentifyRequest;
import cx.profile.v1.IdentifyResponse;
import cx.profile.v1.Identity;
import cx.profile.v1.IdentityType;
import cx.profile.v1.ListMergeCandidatesRequest;
import cx.profile.v1.LookupCustomerRequest;
import cx.profile.v1.MergeCustomersRequest;
import cx.profile.v1.MergeCustomersResponse;
import cx.profile.v1.PreviewMergeRequest;
import cx.profile.v1.ProfileServiceGrpc.ProfileServiceBlockingStub;
import cx.profile.v1.RemoveIdentityRequest;
import cx.profile.v1.SearchCustomersRequest;
import cx.profile.v1.SearchCustomersResponse;
import cx.profile.v1.UnmergeCustomerRequest;
import cx.profile.v1.UnmergeCustomerResponse;
import cx.profile.v1.UpdateCustomerRequest;
import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Identities, look-up, search, identity resolution and merges, through the real stub. */
abstract class IdentityAndMergeApiTest {

  @Autowired
  ProfileServiceBlockingStub profiles;

  @Autowired
  MergeJournal journal;

  @Autowired
  CustomerStore store;

  static Identity email(String address, boolean verified) {
    return Identity.newBuilder().setType(IdentityType.IDENTITY_TYPE_EMAIL).setValue(address).setVerified(verified).build();
  }

  static Identity phone(String number) {
    return Identity.newBuilder().setType(IdentityType.IDENTITY_TYPE_PHONE).setValue(number).build();
  }

  static String uniqueEmail() {
    return "p." + UUID.randomUUID() + "@example.net";
  }

  Customer create(String name, Identity... identities) {
    return profiles.createCustomer(CreateCustomerRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
        .setCustomer(Customer.newBuilder().setDisplayName(name).addAllIdentities(List.of(identities))).build())
        .getCustomer();
  }

  IdentifyResponse identify(Identity... identities) {
    return profiles.identify(IdentifyRequest.newBuilder().setChannel(Channel.CHANNEL_CHAT)
        .addAllIdentities(List.of(identities)).build());
  }

  MergeCustomersResponse merge(Customer survivor, Customer merged) {
    return profiles.mergeCustomers(MergeCustomersRequest.newBuilder().setSurvivor(survivor.getName())
        .setMergedCustomer(merged.getName()).setReason("Same person, confirmed by phone")
        .setRequestId(UUID.randomUUID().toString()).build());
  }

  Customer get(String name) {
    return profiles.getCustomer(GetCustomerRequest.newBuilder().setName(name).build()).getCustomer();
  }

  // Updates.

  @Test
  void anUpdateChangesOnlyTheMaskedFieldsAndAStaleVersionIsRefused() throws Exception {
    Customer created = create("Old Name", email(uniqueEmail(), false));
    Customer changes = Customer.newBuilder().setName(created.getName()).setDisplayName("New Name")
        .setGivenName("Ignored").setState(CustomerState.CUSTOMER_STATE_ERASED).setVersion(42)
        .setAttributes(CustomerAttributes.newBuilder().setLocale("fr-FR")).build();

    Customer updated = profiles.updateCustomer(UpdateCustomerRequest.newBuilder().setCustomer(changes)
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name").addPaths("attributes.locale"))
        .setExpectedVersion(created.getVersion()).build()).getCustomer();

    assertThat(updated.getDisplayName()).isEqualTo("New Name");
    assertThat(updated.getAttributes().getLocale()).isEqualTo("fr-FR");
    assertThat(updated.getGivenName()).isEmpty();
    assertThat(updated.getState()).isEqualTo(CustomerState.CUSTOMER_STATE_ACTIVE);
    assertThat(updated.getVersion()).isEqualTo(created.getVersion() + 1);

    var stale = failure(() -> profiles.updateCustomer(UpdateCustomerRequest.newBuilder().setCustomer(changes)
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).setExpectedVersion(created.getVersion()).build()));
    assertThat(stale.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
    assertThat(errorInfo(stale).getReason()).isEqualTo("VERSION_CONFLICT");

    var serverOwned = failure(() -> profiles.updateCustomer(UpdateCustomerRequest.newBuilder().setCustomer(changes)
        .setUpdateMask(FieldMask.newBuilder().addPaths("state")).build()));
    assertThat(serverOwned.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  // Identities and look-up.

  @Test
  void anyWayOfWritingAPhoneNumberFindsItsCustomer() {
    Customer created = create("Phoned", phone("+44 20 7946 0958"));

    var found = profiles.lookupCustomer(LookupCustomerRequest.newBuilder()
        .setType(IdentityType.IDENTITY_TYPE_PHONE).setValue("020-7946-0958").build());

    assertThat(found.getCustomer().getName()).isEqualTo(created.getName());
    assertThat(found.getIdentity().getValue()).isEqualTo("+442079460958");
  }

  @Test
  void aRemovedIdentityIsFreeForAnotherCustomer() throws Exception {
    String address = uniqueEmail();
    Customer first = create("First", email(address, false));
    var taken = failure(() -> profiles.addIdentity(AddIdentityRequest.newBuilder()
        .setCustomer(create("Second").getName()).setIdentity(email(address, false)).build()));
    assertThat(taken.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(errorInfo(taken).getReason()).isEqualTo("IDENTITY_IN_USE");

    profiles.removeIdentity(RemoveIdentityRequest.newBuilder().setCustomer(first.getName())
        .setType(IdentityType.IDENTITY_TYPE_EMAIL).setValue(address.toUpperCase()).build());
    Customer second = create("Third", email(address, false));

    assertThat(profiles.lookupCustomer(LookupCustomerRequest.newBuilder().setType(IdentityType.IDENTITY_TYPE_EMAIL)
        .setValue(address).build()).getCustomer().getName()).isEqualTo(second.getName());
  }

  @Test
  void placeholderEmailsAreNeverAttached() {
    var blocked = failure(() -> create("Placeholder", email("noreply@shop.example", false)));

    assertThat(blocked.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void searchByNamePrefixPagesThroughEveryMatchOnce() {
    String prefix = "Zq" + UUID.randomUUID().toString().substring(0, 6);
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      created.add(create(prefix + " Person " + i).getName());
    }
    Set<String> found = new HashSet<>();
    String token = "";
    do {
      SearchCustomersResponse page = profiles.searchCustomers(SearchCustomersRequest.newBuilder()
          .setNamePrefix(prefix.toLowerCase()).setPageSize(3).setPageToken(token).build());
      page.getCustomersList().forEach(c -> assertThat(found.add(c.getName())).isTrue());
      token = page.getNextPageToken();
    } while (!token.isEmpty());

    assertThat(found).isEqualTo(created);
  }

  @Test
  void searchWithARegexOrOperatorMatchesNothingExtra() {
    create("Regex Target");
    for (String hostile : List.of(".*", "^R", "{\"$ne\": null}", "[a-z]")) {
      assertThat(profiles.searchCustomers(SearchCustomersRequest.newBuilder().setNamePrefix(hostile).build())
          .getCustomersList()).as(hostile).isEmpty();
    }
  }

  // Identity resolution.

  @Test
  void identifyCreatesThenMatchesAndAttachesWhatIsNew() {
    String address = uniqueEmail();
    IdentifyResponse first = identify(email(address, false));
    assertThat(first.getOutcome()).isEqualTo(IdentifyOutcome.IDENTIFY_OUTCOME_CREATED);

    Identity device = Identity.newBuilder().setType(IdentityType.IDENTITY_TYPE_DEVICE_ID).setValue("dev-" + UUID.randomUUID()).build();
    IdentifyResponse second = identify(email(address.toUpperCase(), false), device);

    assertThat(second.getOutcome()).isEqualTo(IdentifyOutcome.IDENTIFY_OUTCOME_MATCHED);
    assertThat(second.getCustomer().getName()).isEqualTo(first.getCustomer().getName());
    assertThat(second.getAttachedIdentitiesList()).extracting(Identity::getType).containsExactly(IdentityType.IDENTITY_TYPE_DEVICE_ID);
  }

  @Test
  void manyConcurrentIdentifiesWithOneNewEmailGiveOneCustomer() throws Exception {
    String address = uniqueEmail();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(() -> identify(email(address, false)).getCustomer().getName());
      }
      Set<String> names = new HashSet<>();
      for (Future<String> f : pool.invokeAll(calls)) {
        names.add(f.get());
      }
      assertThat(names).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void verifiedIdentifiersOfTwoCustomersSeenTogetherMergeThem() {
    String a = uniqueEmail();
    String b = uniqueEmail();
    Customer older = create("Older", email(a, true));
    Customer newer = create("Newer", email(b, true));

    IdentifyResponse response = identify(email(a, true), email(b, true));

    assertThat(response.getOutcome()).isEqualTo(IdentifyOutcome.IDENTIFY_OUTCOME_MERGED);
    assertThat(response.getCustomer().getName()).isEqualTo(older.getName());
    assertThat(response.getCustomer().getMergedCustomerIdsList()).contains(newer.getName().substring("customers/".length()));
    assertThat(get(newer.getName()).getName()).isEqualTo(older.getName());
  }

  @Test
  void unverifiedLinksRecordAMergeCandidateAndMoveNothing() {
    String a = uniqueEmail();
    String b = uniqueEmail();
    Customer first = create("First", email(a, false));
    Customer second = create("Second", email(b, false));

    IdentifyResponse response = identify(email(a, false), email(b, false));
    IdentifyResponse again = identify(email(a, false), email(b, false));

    assertThat(response.getOutcome()).isEqualTo(IdentifyOutcome.IDENTIFY_OUTCOME_MERGE_CANDIDATE_RECORDED);
    assertThat(again.getMergeCandidate()).isEqualTo(response.getMergeCandidate());
    assertThat(get(second.getName()).getName()).isEqualTo(second.getName());
    var candidates = profiles.listMergeCandidates(ListMergeCandidatesRequest.newBuilder()
        .setCustomer(first.getName()).build()).getMergeCandidatesList();
    assertThat(candidates).hasSize(1);
    assertThat(candidates.get(0).getSightingCount()).isEqualTo(2);
  }

  // Merges.

  @Test
  void aMergedCustomerAnswersThroughItsSurvivorAndAnUnmergeRestoresIt() {
    String a = uniqueEmail();
    String b = uniqueEmail();
    Customer survivor = create("Survivor", email(a, false));
    Customer merged = create("Merged", email(b, false));

    var preview = profiles.previewMerge(PreviewMergeRequest.newBuilder().setSurvivor(survivor.getName())
        .setMergedCustomer(merged.getName()).build());
    assertThat(preview.getCustomer().getIdentitiesCount()).isEqualTo(2);
    assertThat(get(survivor.getName()).getIdentitiesCount()).as("a preview changes nothing").isEqualTo(1);

    MergeCustomersResponse response = merge(survivor, merged);
    assertThat(response.getCustomer().getIdentitiesList()).extracting(Identity::getValue).containsExactlyInAnyOrder(a, b);

    GetCustomerResponse viaAlias = profiles.getCustomer(GetCustomerRequest.newBuilder().setName(merged.getName()).build());
    assertThat(viaAlias.getCustomer().getName()).isEqualTo(survivor.getName());
    assertThat(viaAlias.getRequestedAlias()).isEqualTo(merged.getName());
    assertThat(profiles.lookupCustomer(LookupCustomerRequest.newBuilder().setType(IdentityType.IDENTITY_TYPE_EMAIL)
        .setValue(b).build()).getCustomer().getName()).isEqualTo(survivor.getName());

    UnmergeCustomerResponse unmerged = profiles.unmergeCustomer(UnmergeCustomerRequest.newBuilder()
        .setCustomer(survivor.getName()).setMergedCustomer(merged.getName()).setReason("Different people").build());

    assertThat(unmerged.getRestoredCustomer().getState()).isEqualTo(CustomerState.CUSTOMER_STATE_ACTIVE);
    assertThat(unmerged.getRestoredCustomer().getIdentitiesList()).extracting(Identity::getValue).containsExactly(b);
    assertThat(unmerged.getCustomer().getIdentitiesList()).extracting(Identity::getValue).containsExactly(a);
    assertThat(profiles.lookupCustomer(LookupCustomerRequest.newBuilder().setType(IdentityType.IDENTITY_TYPE_EMAIL)
        .setValue(b).build()).getCustomer().getName()).isEqualTo(merged.getName());
  }

  @Test
  void aMergeCutOffHalfWayIsFinishedByTheNextRead() {
    String a = uniqueEmail();
    String b = uniqueEmail();
    Customer survivor = create("Survivor", email(a, false));
    Customer merged = create("Merged", email(b, false));
    String survivorId = survivor.getName().substring("customers/".length());
    String mergedId = merged.getName().substring("customers/".length());
    var survivorBefore = store.find(survivorId).orElseThrow();
    var mergedBefore = store.find(mergedId).orElseThrow();
    String mergeId = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    // What a crash right after the journal and the first marker were written leaves behind.
    journal.insertIfAbsent(new MergeRecord(mergeId, survivorId, mergedId, "MANUAL", "", "agent", "test", "",
        MergeRecord.IN_PROGRESS, survivorBefore, mergedBefore, List.of(), Instant.now(), null, "", "", null));
    store.setPendingMerge(mergedId, mergeId);

    Customer read = get(merged.getName());

    assertThat(read.getName()).isEqualTo(survivor.getName());
    assertThat(read.getIdentitiesList()).extracting(Identity::getValue).containsExactlyInAnyOrder(a, b);
    assertThat(journal.find(mergeId).orElseThrow().state()).isEqualTo(MergeRecord.COMPLETED);
    assertThat(store.identityHolder("email:" + b)).contains(survivorId);
  }

  @Test
  void mergingACustomerIntoItselfIsRefused() {
    Customer one = create("Solo", email(uniqueEmail(), false));

    assertThat(failure(() -> merge(one, one)).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }
}
