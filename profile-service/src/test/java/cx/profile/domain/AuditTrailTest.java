package cx.profile.domain;

import cx.runtime.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

  private static final Actor AGENT = new Actor(ActorRole.AGENT, "agent-7");

  private final TestClock clock = TestClock.fixedAt(Instant.parse("2026-11-23T10:00:00Z"));
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final Map<String, ResolvedCustomer> customers = new HashMap<>();
  private final AuditTrail audit = new AuditTrail(store, id -> Optional.ofNullable(customers.get(id))
      .orElseThrow(() -> new NotFoundException("customers/" + id)), clock);

  AuditTrailTest() {
    customers.put("ada", new ResolvedCustomer("ada", CustomerState.ACTIVE, List.of("bob")));
    customers.put("bob", customers.get("ada"));
  }

  @Test
  void entriesGetRandomIdsAndAreListedNewestFirstAcrossMergedIds() {
    AuditEntry first = audit.record("bob", AuditAction.IDENTITY_ADDED, AGENT, "customer called", "", AuditDetails.NONE);
    clock.advance(Duration.ofSeconds(1));
    AuditEntry second = audit.record("ada", AuditAction.CUSTOMER_UPDATED, AGENT, "", "", AuditDetails.NONE);

    RecordPage<AuditEntry> page = audit.list("ada", AuditFilter.ALL, Optional.empty(), 50);

    assertThat(first.id()).isNotEqualTo(second.id());
    assertThat(page.items()).containsExactly(second, first);
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void aPageContinuesAfterItsPositionAndFiltersApply() {
    for (int i = 0; i < 4; i++) {
      audit.record("ada", i % 2 == 0 ? AuditAction.CONSENT_CHANGED : AuditAction.IDENTITY_ADDED, AGENT, "", "",
          AuditDetails.NONE);
    }
    RecordPage<AuditEntry> first = audit.list("ada", AuditFilter.ALL, Optional.empty(), 3);
    AuditEntry last = first.items().get(2);
    RecordPage<AuditEntry> rest = audit.list("ada", AuditFilter.ALL,
        Optional.of(new RecordPosition(last.createTime(), last.id())), 3);

    assertThat(first.hasMore()).isTrue();
    assertThat(rest.items()).hasSize(1).doesNotContainAnyElementsOf(first.items());
    assertThat(audit.list("ada", new AuditFilter(Set.of(AuditAction.CONSENT_CHANGED), Optional.empty(),
        Optional.empty()), Optional.empty(), 50).items()).hasSize(2);
  }

  @Test
  void recordingOneOperationTwiceKeepsOneEntry() {
    audit.recordOnce("op-1", "ada", AuditAction.CONSENT_CHANGED, AGENT, "", "", AuditDetails.NONE, clock.instant());
    clock.advance(Duration.ofMinutes(1));
    audit.recordOnce("op-1", "ada", AuditAction.CONSENT_CHANGED, AGENT, "", "", AuditDetails.NONE, clock.instant());

    assertThat(store.entries).hasSize(1);
  }

  @Test
  void aMergeRecordedInPlainValuesNamesItsMergeAndOtherCustomerAndIsKeptOnce() {
    audit.record("ada", "MERGE", "agent-9", "same person", "identify.verified_link",
        Map.of("merged_customer", "customers/bob", "merge", "merges/m-1", "trigger", "IDENTIFY"));
    audit.record("ada", "MERGE", "agent-9", "same person", "identify.verified_link",
        Map.of("merged_customer", "customers/bob", "merge", "merges/m-1", "trigger", "IDENTIFY"));
    audit.record("ada", "IDENTITY_ADDED", "system", "", "", Map.of());

    List<AuditEntry> entries = audit.list("ada", AuditFilter.ALL, Optional.empty(), 50).items();

    assertThat(entries).hasSize(2);
    assertThat(entries).filteredOn(e -> e.action() == AuditAction.CUSTOMERS_MERGED).singleElement().satisfies(e -> {
      assertThat(e.details().mergeId()).isEqualTo("m-1");
      assertThat(e.details().relatedCustomerIds()).containsExactly("bob");
      assertThat(e.details().facts()).containsExactly(Map.entry("trigger", "IDENTIFY"));
      assertThat(e.actor()).isEqualTo(new Actor(ActorRole.AGENT, "agent-9"));
      assertThat(e.rule()).isEqualTo("identify.verified_link");
    });
    assertThat(entries).filteredOn(e -> e.action() == AuditAction.IDENTITY_ADDED).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo(Actor.SYSTEM));
  }

  @Test
  void anOversizedReasonIsRejectedAndAnUnknownCustomerIsNotFound() {
    assertThatThrownBy(() -> audit.record("ada", AuditAction.CUSTOMER_UPDATED, AGENT, "r".repeat(501), "",
        AuditDetails.NONE)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> audit.list("nobody", AuditFilter.ALL, Optional.empty(), 50))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.entries).isEmpty();
  }

  @Test
  void erasureEmptiesReasonsAndIdentityValuesButKeepsTheEntries() {
    Identity email = new Identity(IdentityType.EMAIL, "ada@example.com", "", "", true, "WEB", clock.instant());
    audit.record("bob", AuditAction.IDENTITY_ADDED, AGENT, "customer asked", "", AuditDetails.NONE
        .withIdentities(List.of(email)));
    audit.record("ada", AuditAction.CONSENT_CHANGED, AGENT, "", "", AuditDetails.NONE);
    assertThat(audit.entriesOf(List.of("bob"))).singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("customer asked"));

    List<PersonalDataPart.Disposition> first = audit.erase(Set.of("ada", "bob"), clock.instant());
    List<PersonalDataPart.Disposition> again = audit.erase(Set.of("ada", "bob"), clock.instant());

    assertThat(first).singleElement().satisfies(d -> assertThat(d.count()).isEqualTo(1));
    assertThat(again).singleElement().satisfies(d -> assertThat(d.count()).isZero());
    assertThat(audit.list("ada", AuditFilter.ALL, Optional.empty(), 50).items()).hasSize(2)
        .allSatisfy(e -> {
          assertThat(e.reason()).isEmpty();
          e.details().identities().forEach(i -> {
            assertThat(i.value()).isEmpty();
            assertThat(i.type()).isEqualTo(IdentityType.EMAIL);
          });
        });
  }
}
