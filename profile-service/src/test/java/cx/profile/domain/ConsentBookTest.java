package cx.profile.domain;

import cx.runtime.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.FieldViolation;
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

class ConsentBookTest {

  private static final Actor AGENT = new Actor(ActorRole.AGENT, "agent-7");

  private final TestClock clock = TestClock.fixedAt(Instant.parse("2026-11-23T10:00:00Z"));
  private final InMemoryConsentStore store = new InMemoryConsentStore();
  private final InMemoryAuditStore auditStore = new InMemoryAuditStore();
  private final RecordingEventLog events = new RecordingEventLog();
  private final Map<String, ResolvedCustomer> customers = new HashMap<>();
  private final CustomerDirectory directory = id -> Optional.ofNullable(customers.get(id))
      .orElseThrow(() -> new NotFoundException("customers/" + id));
  private final ConsentBook book = new ConsentBook(store, directory, new AuditTrail(auditStore, directory, clock),
      events, Set.of(ConsentPurpose.SERVICE_UPDATES), clock);

  ConsentBookTest() {
    for (String id : List.of("ada", "bob", "cy")) {
      customers.put(id, new ResolvedCustomer(id, CustomerState.ACTIVE, List.of()));
    }
  }

  private ConsentDecision decision(ConsentPurpose purpose, ConsentChannel channel, ConsentStatus status,
      Instant decideTime) {
    return new ConsentDecision(purpose, channel, status, "WEB", "preference centre", "", decideTime, clock.instant());
  }

  private ConsentDecision decision(ConsentPurpose purpose, ConsentChannel channel, ConsentStatus status) {
    return decision(purpose, channel, status, clock.instant());
  }

  private ConsentBook.ConsentChangeOutcome change(String customerId, ConsentDecision... decisions) {
    return book.change(RecordIds.random(), customerId, List.of(decisions), 0, AGENT);
  }

  private ConsentStatus statusOf(String customerId, ConsentPurpose purpose, ConsentChannel channel) {
    return book.current(customerId).consents().decision(purpose, channel).map(ConsentDecision::status)
        .orElse(ConsentStatus.NONE);
  }

  // Changing and checking.

  @Test
  void aDecisionBecomesCurrentAndIsKeptInTheHistoryWithWhoRecordedIt() {
    ConsentBook.ConsentChangeOutcome outcome =
        change("ada", decision(ConsentPurpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.GRANTED));

    assertThat(outcome.consents().version()).isEqualTo(1);
    assertThat(outcome.changes()).singleElement().satisfies(c -> {
      assertThat(c.previousStatus()).isEqualTo(ConsentStatus.NONE);
      assertThat(c.cause()).isEqualTo(ConsentChangeCause.DECISION);
      assertThat(c.decision().recordedBy()).isEqualTo("agent-7");
    });
    assertThat(statusOf("ada", ConsentPurpose.MARKETING, ConsentChannel.EMAIL)).isEqualTo(ConsentStatus.GRANTED);
    assertThat(book.history("ada", ConsentHistoryFilter.ALL, Optional.empty(), 50).items()).hasSize(1);
  }

  @Test
  void aDecisionOlderThanTheCurrentOneGoesToTheHistoryButDoesNotWin() {
    Instant now = clock.instant();
    change("ada", decision(ConsentPurpose.SURVEYS, ConsentChannel.SMS, ConsentStatus.DENIED, now));

    ConsentBook.ConsentChangeOutcome late = change("ada",
        decision(ConsentPurpose.SURVEYS, ConsentChannel.SMS, ConsentStatus.GRANTED, now.minus(Duration.ofHours(1))));

    assertThat(late.changes().get(0).previousStatus()).isEqualTo(ConsentStatus.DENIED);
    assertThat(statusOf("ada", ConsentPurpose.SURVEYS, ConsentChannel.SMS)).isEqualTo(ConsentStatus.DENIED);
    assertThat(book.history("ada", ConsentHistoryFilter.ALL, Optional.empty(), 50).items())
        .extracting(c -> c.decision().status())
        .containsExactly(ConsentStatus.DENIED, ConsentStatus.GRANTED);
  }

  @Test
  void aChannelDecisionBeatsAnAnyDecisionWhicheverCameLater() {
    change("ada", decision(ConsentPurpose.SURVEYS, ConsentChannel.EMAIL, ConsentStatus.DENIED));
    clock.advance(Duration.ofMinutes(1));
    change("ada", decision(ConsentPurpose.SURVEYS, ConsentChannel.ANY, ConsentStatus.GRANTED));

    ConsentCheck email = book.check("ada", ConsentPurpose.SURVEYS, ConsentChannel.EMAIL);
    ConsentCheck sms = book.check("ada", ConsentPurpose.SURVEYS, ConsentChannel.SMS);

    assertThat(email.allowed()).isFalse();
    assertThat(email.basis()).isEqualTo(ConsentCheckBasis.CHANNEL_DECISION);
    assertThat(sms.allowed()).isTrue();
    assertThat(sms.basis()).isEqualTo(ConsentCheckBasis.ANY_CHANNEL_DECISION);
    assertThat(sms.decision()).map(ConsentDecision::channel).contains(ConsentChannel.ANY);
  }

  @Test
  void withoutADecisionTheDefaultAllowsServiceUpdatesOnly() {
    ConsentCheck updates = book.check("bob", ConsentPurpose.SERVICE_UPDATES, ConsentChannel.EMAIL);
    ConsentCheck marketing = book.check("bob", ConsentPurpose.MARKETING, ConsentChannel.EMAIL);

    assertThat(updates.allowed()).isTrue();
    assertThat(updates.basis()).isEqualTo(ConsentCheckBasis.DEFAULT_POLICY);
    assertThat(marketing.allowed()).isFalse();
    assertThat(marketing.basis()).isEqualTo(ConsentCheckBasis.DEFAULT_POLICY);
  }

  @Test
  void anErasedCustomerIsNeverAllowedAndCannotDecide() {
    customers.put("gone", new ResolvedCustomer("gone", CustomerState.ERASED, List.of()));

    ConsentCheck check = book.check("gone", ConsentPurpose.SERVICE_UPDATES, ConsentChannel.EMAIL);

    assertThat(check.allowed()).isFalse();
    assertThat(check.basis()).isEqualTo(ConsentCheckBasis.CUSTOMER_ERASED);
    assertThatThrownBy(() -> change("gone", decision(ConsentPurpose.MARKETING, ConsentChannel.ANY, ConsentStatus.DENIED)))
        .isInstanceOfSatisfying(FailedPreconditionException.class,
            e -> assertThat(e.reason()).isEqualTo("CUSTOMER_ERASED"));
  }

  @Test
  void repeatingAnOperationReturnsTheFirstOutcomeAndRecordsNothingMore() {
    String operation = RecordIds.random();
    List<ConsentDecision> decisions = List.of(decision(ConsentPurpose.ANALYTICS, ConsentChannel.ANY, ConsentStatus.DENIED));
    ConsentBook.ConsentChangeOutcome first = book.change(operation, "ada", decisions, 0, AGENT);

    ConsentBook.ConsentChangeOutcome again = book.change(operation, "ada", decisions, 0, AGENT);

    assertThat(again.changes()).isEqualTo(first.changes());
    assertThat(again.consents().version()).isEqualTo(1);
    assertThat(store.history).hasSize(1);
    assertThat(auditStore.entries).hasSize(1);
  }

  @Test
  void aStaleExpectedVersionIsAConflictAndWritesNothing() {
    change("ada", decision(ConsentPurpose.MARKETING, ConsentChannel.SMS, ConsentStatus.GRANTED));

    assertThatThrownBy(() -> book.change(RecordIds.random(), "ada",
        List.of(decision(ConsentPurpose.MARKETING, ConsentChannel.SMS, ConsentStatus.DENIED)), 7, AGENT))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(statusOf("ada", ConsentPurpose.MARKETING, ConsentChannel.SMS)).isEqualTo(ConsentStatus.GRANTED);
  }

  @Test
  void badDecisionsAreRejectedNamingEachField() {
    assertThatThrownBy(() -> change("ada",
        decision(ConsentPurpose.MARKETING, ConsentChannel.SMS, ConsentStatus.GRANTED),
        decision(ConsentPurpose.MARKETING, ConsentChannel.SMS, ConsentStatus.DENIED),
        decision(ConsentPurpose.SURVEYS, ConsentChannel.SMS, ConsentStatus.DENIED, clock.instant().plus(Duration.ofHours(1)))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.violations())
            .extracting(FieldViolation::field)
            .containsExactly("consents[1]", "consents[2].decide_time"));
    assertThatThrownBy(() -> change("ada")).isInstanceOf(InvalidArgumentException.class);
    assertThat(store.books).isEmpty();
  }

  @Test
  void aWriteInterruptedBeforeItWasClearedIsFinishedByTheNextReadExactlyOnce() {
    store.failNextClearPending = true;
    assertThatThrownBy(() -> change("ada", decision(ConsentPurpose.MARKETING, ConsentChannel.PUSH, ConsentStatus.DENIED)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.books.get("ada").pending()).isPresent();

    ConsentBook.CurrentConsents read = book.current("ada");

    assertThat(read.consents().pending()).isEmpty();
    assertThat(store.books.get("ada").pending()).isEmpty();
    assertThat(store.history).hasSize(1);
    assertThat(auditStore.entries.values()).singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo(AuditAction.CONSENT_CHANGED));
    assertThat(events.events.values()).singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo("consent.changed"));
  }

  @Test
  void theHistoryIsPagedNewestDecisionFirstWithoutGapsOrRepeats() {
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      change("ada", decision(ConsentPurpose.MARKETING, ConsentChannel.EMAIL,
          i % 2 == 0 ? ConsentStatus.GRANTED : ConsentStatus.DENIED));
    }
    RecordPage<ConsentChange> first = book.history("ada", ConsentHistoryFilter.ALL, Optional.empty(), 3);
    ConsentChange last = first.items().get(2);
    RecordPage<ConsentChange> second = book.history("ada", ConsentHistoryFilter.ALL,
        Optional.of(new RecordPosition(last.decideTime(), last.id())), 3);

    assertThat(first.hasMore()).isTrue();
    assertThat(second.hasMore()).isFalse();
    assertThat(first.items()).extracting(ConsentChange::sequence).containsExactly(5L, 4L, 3L);
    assertThat(second.items()).extracting(ConsentChange::sequence).containsExactly(2L, 1L);
  }

  // Merging.

  @Test
  void mergingKeepsTheMostRestrictiveDecisionForEveryPair() {
    change("ada",
        decision(ConsentPurpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.GRANTED),
        decision(ConsentPurpose.SURVEYS, ConsentChannel.EMAIL, ConsentStatus.DENIED));
    change("bob",
        decision(ConsentPurpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.DENIED),
        decision(ConsentPurpose.SURVEYS, ConsentChannel.EMAIL, ConsentStatus.GRANTED),
        decision(ConsentPurpose.ANALYTICS, ConsentChannel.ANY, ConsentStatus.GRANTED));

    book.mergeInto("ada", "bob", "m1", clock.instant());

    assertThat(statusOf("ada", ConsentPurpose.MARKETING, ConsentChannel.EMAIL)).isEqualTo(ConsentStatus.DENIED);
    assertThat(statusOf("ada", ConsentPurpose.SURVEYS, ConsentChannel.EMAIL)).isEqualTo(ConsentStatus.DENIED);
    assertThat(statusOf("ada", ConsentPurpose.ANALYTICS, ConsentChannel.ANY)).isEqualTo(ConsentStatus.GRANTED);
    List<ConsentChange> mergeEntries = book.history("ada", ConsentHistoryFilter.ALL, Optional.empty(), 50).items()
        .stream().filter(c -> c.customerId().equals("ada") && c.cause() == ConsentChangeCause.MERGE).toList();
    assertThat(mergeEntries).hasSize(2).allSatisfy(c -> assertThat(c.mergeId()).isEqualTo("m1"));
    assertThat(statusOf("bob", ConsentPurpose.SURVEYS, ConsentChannel.EMAIL)).isEqualTo(ConsentStatus.GRANTED);
  }

  @Test
  void mergingTwiceWithOneMergeIdChangesNothingMore() {
    change("bob", decision(ConsentPurpose.MARKETING, ConsentChannel.SMS, ConsentStatus.DENIED));
    book.mergeInto("ada", "bob", "m1", clock.instant());
    long version = book.current("ada").consents().version();
    int history = store.history.size();

    book.mergeInto("ada", "bob", "m1", clock.instant());

    assertThat(book.current("ada").consents().version()).isEqualTo(version);
    assertThat(store.history).hasSize(history);
  }

  @Test
  void undoingAMergeRestoresTheSurvivorsDecisionsFromBeforeIt() {
    change("ada", decision(ConsentPurpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.GRANTED));
    change("bob",
        decision(ConsentPurpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.DENIED),
        decision(ConsentPurpose.SURVEYS, ConsentChannel.PHONE, ConsentStatus.GRANTED));
    book.mergeInto("ada", "bob", "m1", clock.instant());

    book.undoMerge("ada", "bob", "m1", clock.instant());

    assertThat(statusOf("ada", ConsentPurpose.MARKETING, ConsentChannel.EMAIL)).isEqualTo(ConsentStatus.GRANTED);
    assertThat(statusOf("ada", ConsentPurpose.SURVEYS, ConsentChannel.PHONE)).isEqualTo(ConsentStatus.NONE);
    assertThat(book.history("ada", ConsentHistoryFilter.ALL, Optional.empty(), 50).items())
        .filteredOn(c -> c.cause() == ConsentChangeCause.UNMERGE).hasSize(2);
  }

  @Test
  void undoingAMergeKeepsDecisionsMadeSinceAndIsIdempotent() {
    change("bob", decision(ConsentPurpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.DENIED));
    book.mergeInto("ada", "bob", "m1", clock.instant());
    clock.advance(Duration.ofMinutes(5));
    change("ada", decision(ConsentPurpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.GRANTED));

    book.undoMerge("ada", "bob", "m1", clock.instant());
    long version = book.current("ada").consents().version();
    book.undoMerge("ada", "bob", "m1", clock.instant());

    assertThat(statusOf("ada", ConsentPurpose.MARKETING, ConsentChannel.EMAIL)).isEqualTo(ConsentStatus.GRANTED);
    assertThat(book.current("ada").consents().version()).isEqualTo(version);
    assertThat(book.current("ada").consents().merge("m1")).map(ConsentMerge::undone).contains(true);
  }

  @Test
  void theHistoryOfAMergedIdBelongsToItsSurvivor() {
    change("bob", decision(ConsentPurpose.SURVEYS, ConsentChannel.SMS, ConsentStatus.GRANTED));
    customers.put("ada", new ResolvedCustomer("ada", CustomerState.ACTIVE, List.of("bob")));
    customers.put("bob", customers.get("ada"));

    List<ConsentChange> history = book.history("bob", ConsentHistoryFilter.ALL, Optional.empty(), 50).items();

    assertThat(history).singleElement().satisfies(c -> assertThat(c.customerId()).isEqualTo("bob"));
    assertThat(book.current("bob").customer().id()).isEqualTo("ada");
  }

  // Erasure.

  @Test
  void erasingACustomerDeletesTheirDecisionsAndHistoryOnce() {
    change("ada",
        decision(ConsentPurpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.GRANTED),
        decision(ConsentPurpose.SURVEYS, ConsentChannel.SMS, ConsentStatus.DENIED));
    change("ada", decision(ConsentPurpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.DENIED));
    change("bob", decision(ConsentPurpose.MARKETING, ConsentChannel.EMAIL, ConsentStatus.DENIED));
    assertThat(book.historyOf(List.of("ada"))).hasSize(3).allSatisfy(c -> assertThat(c.customerId()).isEqualTo("ada"));

    List<PersonalDataPart.Disposition> first = book.erase(Set.of("ada"), clock.instant());
    List<PersonalDataPart.Disposition> again = book.erase(Set.of("ada"), clock.instant());

    assertThat(first).extracting(PersonalDataPart.Disposition::recordType, PersonalDataPart.Disposition::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("consent", 2L),
            org.assertj.core.groups.Tuple.tuple("consent_change", 3L));
    assertThat(again).allSatisfy(d -> assertThat(d.count()).isZero());
    assertThat(book.current("ada").consents().decisions()).isEmpty();
    assertThat(book.history("ada", ConsentHistoryFilter.ALL, Optional.empty(), 50).items()).isEmpty();
    assertThat(statusOf("bob", ConsentPurpose.MARKETING, ConsentChannel.EMAIL)).isEqualTo(ConsentStatus.DENIED);
  }
}
