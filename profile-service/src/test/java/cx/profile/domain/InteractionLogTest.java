package cx.profile.domain;

import cx.runtime.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.CustomerEventLog;
import cx.runtime.timeline.EventPage;
import cx.runtime.timeline.EventQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class InteractionLogTest {

  private static final Actor AGENT = new Actor(ActorRole.AGENT, "agent-7");

  private final TestClock clock = TestClock.fixedAt(Instant.parse("2026-11-23T10:00:00Z"));
  private final Map<String, Interaction> stored = new ConcurrentHashMap<>();
  private final InteractionStore store = new InteractionStore() {
    @Override
    public Optional<Interaction> insertIfAbsent(Interaction interaction) {
      return Optional.ofNullable(stored.putIfAbsent(interaction.id(), interaction));
    }

    @Override
    public Optional<Interaction> find(String id) {
      return Optional.ofNullable(stored.get(id));
    }

    @Override
    public List<Interaction> findAll(Collection<String> ids) {
      return ids.stream().map(stored::get).filter(i -> i != null).toList();
    }

    @Override
    public List<Interaction> findAllOf(Collection<String> customerIds) {
      return stored.values().stream().filter(i -> customerIds.contains(i.customerId())).toList();
    }

    @Override
    public long deleteAllOf(Collection<String> customerIds) {
      List<String> doomed = stored.values().stream().filter(i -> customerIds.contains(i.customerId()))
          .map(Interaction::id).toList();
      doomed.forEach(stored::remove);
      return doomed.size();
    }
  };
  private final FlakyEventLog events = new FlakyEventLog();
  private final Map<String, ResolvedCustomer> customers = new HashMap<>();
  private final InteractionLog log = new InteractionLog(store, id -> Optional.ofNullable(customers.get(id))
      .orElseThrow(() -> new NotFoundException("customers/" + id)), events, clock);

  InteractionLogTest() {
    customers.put("ada", new ResolvedCustomer("ada", CustomerState.ACTIVE, List.of("old-ada")));
    customers.put("old-ada", customers.get("ada"));
    customers.put("bob", new ResolvedCustomer("bob", CustomerState.ACTIVE, List.of()));
  }

  /** A timeline that can be told to fail the next write, as a crash between two writes would. */
  static final class FlakyEventLog implements CustomerEventLog {
    final RecordingEventLog log = new RecordingEventLog();
    boolean failNext;

    Collection<CustomerEvent> events() {
      return log.events.values();
    }

    @Override
    public void record(CustomerEvent event) {
      if (failNext) {
        failNext = false;
        throw new IllegalStateException("the process died");
      }
      log.record(event);
    }

    @Override
    public EventPage read(EventQuery query) {
      return log.read(query);
    }

    @Override
    public Optional<CustomerEvent> find(String customerId, String eventId) {
      return log.find(customerId, eventId);
    }

    @Override
    public void clearSummaries(String customerId) {
      log.clearSummaries(customerId);
    }

    @Override
    public void forget(String customerId) {
      log.forget(customerId);
    }
  }

  private NewInteraction call(String externalId) {
    return new NewInteraction(externalId, "CALL_CENTER", InteractionType.CALL, InteractionDirection.INBOUND,
        "Asked about delivery", clock.instant().minusSeconds(60), Optional.of(Duration.ofMinutes(4)), "agent-7",
        Map.of("queue", "returns"), List.of("customers/ada/orders/o-3"));
  }

  @Test
  void aTouchpointIsStoredUnderTheIdGivenAndAppearsOnTheTimeline() {
    InteractionLog.Recorded recorded = log.record("old-ada", call("telephony:1"), AGENT);

    assertThat(recorded.alreadyRecorded()).isFalse();
    assertThat(recorded.interaction().customerId()).isEqualTo("old-ada");
    assertThat(recorded.interaction().recordedBy()).isEqualTo("agent-7");
    assertThat(events.events()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("interaction.call");
      assertThat(e.customerId()).isEqualTo("old-ada");
      assertThat(e.resource()).isEqualTo(recorded.interaction().name());
    });
    assertThat(log.get("ada", recorded.interaction().id())).isEqualTo(recorded.interaction());
  }

  @Test
  void recordingAnExternalIdAgainWithTheSameContentReturnsTheFirstAndKeepsOneEvent() {
    NewInteraction call = call("telephony:2");
    Interaction first = log.record("ada", call, AGENT).interaction();
    clock.advance(Duration.ofSeconds(5));

    InteractionLog.Recorded again = log.record("old-ada", call, AGENT);

    assertThat(again.alreadyRecorded()).isTrue();
    assertThat(again.interaction()).isEqualTo(first);
    assertThat(events.events()).hasSize(1);
  }

  @Test
  void anExternalIdReusedWithOtherContentOrForAnotherCustomerIsRefused() {
    NewInteraction original = call("telephony:3");
    log.record("ada", original, AGENT);
    NewInteraction changed = new NewInteraction(original.externalId(), original.channel(), original.type(),
        original.direction(), "Something else", original.occurTime(), original.duration(), original.agent(),
        original.metadata(), original.relatedResources());

    assertThatThrownBy(() -> log.record("ada", changed, AGENT))
        .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.reason()).isEqualTo("EXTERNAL_ID_REUSED"));
    assertThatThrownBy(() -> log.record("bob", original, AGENT))
        .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.reason()).isEqualTo("EXTERNAL_ID_REUSED"));
  }

  @Test
  void aRetryAfterACrashBeforeTheTimelineWriteAddsTheMissingEvent() {
    NewInteraction call = call("telephony:4");
    events.failNext = true;
    assertThatThrownBy(() -> log.record("ada", call, AGENT)).isInstanceOf(IllegalStateException.class);
    assertThat(stored).hasSize(1);
    assertThat(events.events()).isEmpty();

    InteractionLog.Recorded retry = log.record("ada", call, AGENT);

    assertThat(retry.alreadyRecorded()).isTrue();
    assertThat(events.events()).hasSize(1);
  }

  @Test
  void badFieldsAreAllReportedAndNothingIsStored() {
    NewInteraction bad = new NewInteraction(" ", "", null, null, "two\nlines", clock.instant().plus(Duration.ofHours(1)),
        Optional.of(Duration.ofHours(25)), "a".repeat(129), Map.of("Bad Key", "v"), List.of("not a name"));

    assertThatThrownBy(() -> log.record("ada", bad, AGENT))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.violations())
            .extracting(FieldViolation::field)
            .containsExactly("interaction.external_id", "interaction.channel", "interaction.type",
                "interaction.summary", "interaction.occur_time", "interaction.duration", "interaction.agent",
                "interaction.metadata", "interaction.related_resources[0]"));
    assertThat(stored).isEmpty();
  }

  @Test
  void anErasedCustomerTakesNoTouchpointsAndAnotherCustomersOneIsNotFound() {
    customers.put("gone", new ResolvedCustomer("gone", CustomerState.ERASED, List.of()));
    Interaction adas = log.record("ada", call("telephony:5"), AGENT).interaction();

    assertThatThrownBy(() -> log.record("gone", call("telephony:6"), AGENT))
        .isInstanceOfSatisfying(FailedPreconditionException.class, e -> assertThat(e.reason()).isEqualTo("CUSTOMER_ERASED"));
    assertThatThrownBy(() -> log.get("bob", adas.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void erasingACustomerDeletesTheirTouchpointsOnceAndKeepsOthers() {
    log.record("ada", call("telephony:7"), AGENT);
    log.record("old-ada", call("telephony:8"), AGENT);
    log.record("bob", call("telephony:9"), AGENT);
    assertThat(log.allOf(List.of("ada", "old-ada"))).extracting(i -> i.content().externalId())
        .containsExactlyInAnyOrder("telephony:7", "telephony:8");

    List<PersonalDataPart.Disposition> first = log.erase(java.util.Set.of("ada", "old-ada"), clock.instant());
    List<PersonalDataPart.Disposition> again = log.erase(java.util.Set.of("ada", "old-ada"), clock.instant());

    assertThat(first).singleElement().satisfies(d -> assertThat(d.count()).isEqualTo(2));
    assertThat(again).singleElement().satisfies(d -> assertThat(d.count()).isZero());
    assertThat(stored.values()).singleElement().satisfies(i -> assertThat(i.customerId()).isEqualTo("bob"));
  }
}
