package cx.profile.domain;

import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.NotFoundException;
import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.CustomerEventLog;
import cx.runtime.timeline.EventPage;
import cx.runtime.timeline.EventQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Customers' touchpoints on every channel. Each interaction is stored under an id derived from
 * the caller's external id, so recording is idempotent without a transaction, and is also
 * written to the customer's timeline as an {@code interaction.<type>} event whose id is derived
 * from the interaction's, so a retry keeps one. A retry after a crash between the two writes
 * finds the interaction and writes the missing event.
 */
public final class InteractionLog implements PersonalDataPart {

  /** The kind prefix of every interaction's timeline event. */
  public static final String EVENT_KIND = "interaction";

  private static final String EVENT_ID_PREFIX = "interaction-";

  private final InteractionStore store;
  private final CustomerDirectory directory;
  private final CustomerEventLog events;
  private final Clock clock;

  public InteractionLog(InteractionStore store, CustomerDirectory directory, CustomerEventLog events, Clock clock) {
    this.store = store;
    this.directory = directory;
    this.events = events;
    this.clock = clock;
  }

  /** A recorded interaction, and whether it had been recorded before this call. */
  public record Recorded(Interaction interaction, boolean alreadyRecorded) {
  }

  /** One page of interactions with the timeline page it was read from (for the next token). */
  public record InteractionPage(List<Interaction> interactions, EventPage events) {
  }

  /**
   * Records a touchpoint for the customer id given (kept as given, even when it was merged into
   * another profile). Recording an external id again with the same content returns the first
   * interaction.
   *
   * @throws cx.runtime.failure.InvalidArgumentException for bad fields
   * @throws NotFoundException if the customer does not exist
   * @throws FailedPreconditionException reason {@code CUSTOMER_ERASED} for an erased customer
   * @throws AlreadyExistsException reason {@code EXTERNAL_ID_REUSED} if the external id was
   *     recorded with other content or for a customer outside this one's merged-id set
   */
  public Recorded record(String customerId, NewInteraction interaction, Actor actor) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    interaction.check(now);
    ResolvedCustomer customer = directory.resolve(customerId);
    if (customer.state() == CustomerState.ERASED) {
      throw new FailedPreconditionException("CUSTOMER_ERASED", customer.name() + " was erased.");
    }
    Interaction candidate = new Interaction(RecordIds.derived(EVENT_KIND, interaction.externalId()), customerId,
        interaction, interaction.fingerprint(), actor.subject(), now);
    Optional<Interaction> earlier = store.insertIfAbsent(candidate);
    if (earlier.isPresent()) {
      Interaction first = earlier.get();
      if (!first.contentFingerprint().equals(candidate.contentFingerprint()) || !customer.answersFor(first.customerId())) {
        throw new AlreadyExistsException("EXTERNAL_ID_REUSED",
            "interaction.external_id was already recorded for a different interaction.");
      }
      events.record(eventOf(first));
      return new Recorded(first, true);
    }
    events.record(eventOf(candidate));
    return new Recorded(candidate, false);
  }

  /**
   * One interaction of a customer (or of an id merged into the customer).
   *
   * @throws NotFoundException if there is none, alike whether it does not exist or belongs to
   *     someone else
   */
  public Interaction get(String customerId, String interactionId) {
    ResolvedCustomer customer = directory.resolve(customerId);
    return store.find(interactionId)
        .filter(i -> customer.answersFor(i.customerId()))
        .orElseThrow(() -> new NotFoundException("customers/" + customerId + "/interactions/" + interactionId));
  }

  /**
   * The customer whose interactions are listed: a merged id resolves to its survivor, whose
   * history covers every id merged into it.
   */
  public ResolvedCustomer historyOwner(String customerId) {
    return directory.resolve(customerId);
  }

  /**
   * A page of interactions, newest first by (occur time, id), read through the timeline: the
   * query's kinds must select interaction events ({@value #EVENT_KIND} or its sub-kinds).
   */
  public InteractionPage list(EventQuery query) {
    EventPage page = events.read(query);
    List<String> ids = page.events().stream().map(e -> e.eventId().substring(EVENT_ID_PREFIX.length())).toList();
    Map<String, Interaction> found = store.findAll(ids).stream()
        .collect(Collectors.toMap(Interaction::id, Function.identity()));
    return new InteractionPage(ids.stream().filter(found::containsKey).map(found::get).toList(), page);
  }

  /**
   * Every interaction recorded under exactly these ids (no merged-id resolution), newest first:
   * a data-subject export's part.
   */
  public List<Interaction> allOf(Collection<String> customerIds) {
    return store.findAllOf(customerIds).stream()
        .sorted(Comparator.comparing((Interaction i) -> i.content().occurTime()).thenComparing(Interaction::id)
            .reversed())
        .toList();
  }

  /** Deletes every interaction recorded for the customers, irreversibly. */
  @Override
  public List<Disposition> erase(Set<String> customerIds, Instant now) {
    return List.of(new Disposition("interaction", "REMOVED", store.deleteAllOf(customerIds), "Touchpoints deleted."));
  }

  private static CustomerEvent eventOf(Interaction interaction) {
    NewInteraction content = interaction.content();
    return new CustomerEvent(EVENT_ID_PREFIX + interaction.id(), interaction.customerId(), content.occurTime(),
        content.type().eventKind(), content.channel(), content.summary(), interaction.name(),
        content.relatedResources(),
        content.direction() == InteractionDirection.UNKNOWN ? Map.of() : Map.of("direction", content.direction().name()));
  }
}
