package cx.profile.domain;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.CustomerEventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Customers' consent decisions per purpose and channel, and their full history.
 *
 * <p>Each customer's current decisions live in one document, changed by one atomic
 * compare-and-set on its version; the same write carries the history entries, audit entry and
 * timeline event of the change as a pending write, which is then written out (idempotently) and
 * cleared. Whoever reads the document next finishes a pending write left by a crash, so there
 * is no transaction and nothing is lost or written twice.
 */
public final class ConsentBook implements ConsentMerging, PersonalDataPart {

  /** At most this many decisions per change. */
  public static final int MAX_DECISIONS = 20;
  /** How far in the future a decision time may lie (clocks of channels drift). */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);
  /** The longest source description kept, in characters. */
  public static final int MAX_SOURCE_DESCRIPTION = 200;

  private static final int MAX_ATTEMPTS = 50;
  private static final Comparator<ConsentChange> NEWEST_DECISION_FIRST =
      Comparator.comparing(ConsentChange::decideTime).thenComparing(ConsentChange::id).reversed();

  private final ConsentStore store;
  private final CustomerDirectory directory;
  private final AuditTrail audit;
  private final CustomerEventLog events;
  private final Set<ConsentPurpose> allowedByDefault;
  private final Clock clock;

  /**
   * @param allowedByDefault the purposes a customer may be contacted for when they have decided
   *     nothing (out of the box: service updates only)
   */
  public ConsentBook(ConsentStore store, CustomerDirectory directory, AuditTrail audit, CustomerEventLog events,
      Set<ConsentPurpose> allowedByDefault, Clock clock) {
    this.store = store;
    this.directory = directory;
    this.audit = audit;
    this.events = events;
    this.allowedByDefault = Set.copyOf(allowedByDefault);
    this.clock = clock;
  }

  /** A customer's current decisions and the profile they belong to. */
  public record CurrentConsents(ResolvedCustomer customer, CustomerConsents consents) {
  }

  /** The outcome of a change: the book after it, and the history entries it added. */
  public record ConsentChangeOutcome(ResolvedCustomer customer, CustomerConsents consents,
      List<ConsentChange> changes) {
  }

  /**
   * The customer's current decisions.
   *
   * @throws cx.runtime.failure.NotFoundException if the customer does not exist
   */
  public CurrentConsents current(String customerId) {
    ResolvedCustomer customer = directory.resolve(customerId);
    return new CurrentConsents(customer, load(customer.id()));
  }

  /**
   * Records decisions and adds each to the history. A decision older (by decide time) than the
   * current one for its pair goes to the history but does not become current. Repeating an
   * operation id returns the first outcome and records nothing more.
   *
   * @param operationId identifies this change, the same for every retry of one request
   * @param decisions decisions with purpose, channel, status GRANTED or DENIED, source and decide
   *     time (the record time is set here)
   * @param expectedVersion the book's version the caller read, or 0 to skip the check
   * @throws InvalidArgumentException if the decisions are empty, too many, repeat a pair or lie
   *     in the future
   * @throws FailedPreconditionException reason {@code CUSTOMER_ERASED} for an erased customer
   * @throws ConcurrentUpdateException if the book moved past {@code expectedVersion}
   */
  public ConsentChangeOutcome change(String operationId, String customerId, List<ConsentDecision> decisions,
      long expectedVersion, Actor actor) {
    ResolvedCustomer customer = directory.resolve(customerId);
    if (customer.state() == CustomerState.ERASED) {
      throw new FailedPreconditionException("CUSTOMER_ERASED", customer.name() + " was erased.");
    }
    Instant now = now();
    validate(decisions, now);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      CustomerConsents book = load(customer.id());
      if (book.recentOperations().contains(operationId)) {
        return new ConsentChangeOutcome(customer, book, changesOf(book, operationId));
      }
      if (expectedVersion != 0 && book.version() != expectedVersion) {
        throw new ConcurrentUpdateException(customer.name(), book.version());
      }
      Map<String, ConsentDecision> current = book.currentCopy();
      List<ConsentChange> entries = new ArrayList<>();
      long sequence = book.historyLength();
      for (ConsentDecision requested : decisions) {
        ConsentDecision decision = new ConsentDecision(requested.purpose(), requested.channel(), requested.status(),
            requested.sourceChannel(), requested.sourceDescription(), actor.subject(),
            requested.decideTime().truncatedTo(ChronoUnit.MILLIS), now);
        ConsentDecision previous = current.get(decision.pair());
        if (previous == null || !decision.decideTime().isBefore(previous.decideTime())) {
          current.put(decision.pair(), decision);
        }
        entries.add(new ConsentChange(RecordIds.random(), customer.id(), ++sequence, operationId, decision,
            previous == null ? ConsentStatus.NONE : previous.status(), ConsentChangeCause.DECISION, ""));
      }
      CustomerConsents next = book.next(current, book.merges(),
          new PendingConsentWrite(operationId, ConsentChangeCause.DECISION, actor, now, entries));
      if (store.save(next, book.version())) {
        return new ConsentChangeOutcome(customer, settle(next), entries);
      }
    }
    throw new ConcurrentUpdateException(customer.name());
  }

  /**
   * Whether the customer may be contacted for a purpose on a channel: a decision for the channel
   * wins over one for {@link ConsentChannel#ANY}; with neither the configured default applies;
   * an erased customer is never allowed.
   */
  public ConsentCheck check(String customerId, ConsentPurpose purpose, ConsentChannel channel) {
    ResolvedCustomer customer = directory.resolve(customerId);
    if (customer.state() == CustomerState.ERASED) {
      return new ConsentCheck(customer, false, ConsentCheckBasis.CUSTOMER_ERASED, Optional.empty());
    }
    CustomerConsents book = load(customer.id());
    Optional<ConsentDecision> exact = book.decision(purpose, channel);
    if (exact.isPresent()) {
      return new ConsentCheck(customer, exact.get().status() == ConsentStatus.GRANTED,
          ConsentCheckBasis.CHANNEL_DECISION, exact);
    }
    Optional<ConsentDecision> any = book.decision(purpose, ConsentChannel.ANY);
    if (any.isPresent()) {
      return new ConsentCheck(customer, any.get().status() == ConsentStatus.GRANTED,
          ConsentCheckBasis.ANY_CHANNEL_DECISION, any);
    }
    return new ConsentCheck(customer, allowedByDefault.contains(purpose), ConsentCheckBasis.DEFAULT_POLICY,
        Optional.empty());
  }

  /**
   * A page of the customer's consent history, including the history recorded under ids merged
   * into it, newest decision first, ties broken by id.
   */
  public RecordPage<ConsentChange> history(String customerId, ConsentHistoryFilter filter,
      Optional<RecordPosition> after, int limit) {
    ResolvedCustomer customer = directory.resolve(customerId);
    List<CustomerConsents> books = store.findAll(customer.allIds()).stream().map(this::settle).toList();
    List<ConsentChange> matching = new ArrayList<>();
    for (ConsentChange change : store.history(books)) {
      if (filter.matches(change) && after.map(p -> p.precedes(change.decideTime(), change.id())).orElse(true)) {
        matching.add(change);
      }
    }
    matching.sort(NEWEST_DECISION_FIRST);
    return RecordPage.of(matching, limit);
  }

  /**
   * Gives the survivor of a merge the most restrictive combination of both customers' decisions
   * (DENIED beats GRANTED beats no decision), recording a MERGE history entry for each pair it
   * changes and what it changed, so that {@link #undoMerge} can reverse it. Running it again
   * with the same merge id changes nothing.
   */
  @Override
  public void mergeInto(String survivorId, String loserId, String mergeId, Instant now) {
    Instant time = now.truncatedTo(ChronoUnit.MILLIS);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      CustomerConsents survivor = load(survivorId);
      if (survivor.merge(mergeId).isPresent()) {
        return;
      }
      CustomerConsents loser = load(loserId);
      Map<String, ConsentDecision> current = survivor.currentCopy();
      List<ConsentMerge.PairChange> pairChanges = new ArrayList<>();
      List<ConsentChange> entries = new ArrayList<>();
      long sequence = survivor.historyLength();
      for (ConsentDecision theirs : loser.decisions()) {
        ConsentDecision ours = current.get(theirs.pair());
        if (ours == null || theirs.status().isMoreRestrictiveThan(ours.status())) {
          ConsentDecision adopted = theirs.recordedAt(time);
          current.put(adopted.pair(), adopted);
          pairChanges.add(new ConsentMerge.PairChange(adopted.pair(), ours, adopted));
          entries.add(new ConsentChange(RecordIds.random(), survivorId, ++sequence, mergeId, adopted,
              ours == null ? ConsentStatus.NONE : ours.status(), ConsentChangeCause.MERGE, mergeId));
        }
      }
      List<ConsentMerge> merges = new ArrayList<>(survivor.merges());
      merges.add(new ConsentMerge(mergeId, loserId, false, pairChanges));
      CustomerConsents next = survivor.next(current, merges,
          new PendingConsentWrite(mergeId, ConsentChangeCause.MERGE, Actor.SYSTEM, time, entries));
      if (store.save(next, survivor.version())) {
        settle(next);
        return;
      }
    }
    throw new ConcurrentUpdateException("customers/" + survivorId);
  }

  /**
   * Reverses what {@link #mergeInto} did to the survivor: each pair the merge changed returns to
   * the survivor's decision from before the merge (or to no decision), unless it was decided
   * again since. Records an UNMERGE history entry per restored pair. The merged customer's own
   * decisions were never changed by the merge, so they need no restoring. Running it again, or
   * for a merge that did not change the survivor's consents, changes nothing.
   */
  @Override
  public void undoMerge(String survivorId, String loserId, String mergeId, Instant now) {
    Instant time = now.truncatedTo(ChronoUnit.MILLIS);
    String operationId = "unmerge:" + mergeId;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      CustomerConsents survivor = load(survivorId);
      Optional<ConsentMerge> merge = survivor.merge(mergeId);
      if (merge.isEmpty() || merge.get().undone()) {
        return;
      }
      if (!merge.get().loserId().equals(loserId)) {
        throw new IllegalArgumentException("merge " + mergeId + " merged another customer");
      }
      Map<String, ConsentDecision> current = survivor.currentCopy();
      List<ConsentChange> entries = new ArrayList<>();
      long sequence = survivor.historyLength();
      for (ConsentMerge.PairChange change : merge.get().changes()) {
        ConsentDecision present = current.get(change.pair());
        if (present == null || !present.sameDecisionAs(change.after())) {
          continue;
        }
        ConsentDecision restored;
        if (change.before() == null) {
          current.remove(change.pair());
          restored = new ConsentDecision(present.purpose(), present.channel(), ConsentStatus.NONE, "", "", "", time, time);
        } else {
          current.put(change.pair(), change.before());
          restored = change.before().recordedAt(time);
        }
        entries.add(new ConsentChange(RecordIds.random(), survivorId, ++sequence, operationId, restored,
            present.status(), ConsentChangeCause.UNMERGE, mergeId));
      }
      List<ConsentMerge> merges = survivor.merges().stream()
          .map(m -> m.mergeId().equals(mergeId) ? m.asUndone() : m).toList();
      CustomerConsents next = survivor.next(current, merges,
          new PendingConsentWrite(operationId, ConsentChangeCause.UNMERGE, Actor.SYSTEM, time, entries));
      if (store.save(next, survivor.version())) {
        settle(next);
        return;
      }
    }
    throw new ConcurrentUpdateException("customers/" + survivorId);
  }

  /**
   * Every consent history entry recorded under exactly these ids (no merged-id resolution),
   * newest decision first: a data-subject export's part.
   */
  public List<ConsentChange> historyOf(Collection<String> customerIds) {
    List<CustomerConsents> books = store.findAll(customerIds).stream().map(this::settle).toList();
    return store.history(books).stream().sorted(NEWEST_DECISION_FIRST).toList();
  }

  /** Deletes the customers' current decisions and their whole consent history, irreversibly. */
  @Override
  public List<Disposition> erase(Set<String> customerIds, Instant now) {
    ConsentStore.ErasedConsents erased = store.eraseAll(customerIds);
    return List.of(
        new Disposition("consent", "REMOVED", erased.decisions(), "Current consent decisions deleted."),
        new Disposition("consent_change", "REMOVED", erased.historyEntries(), "Consent history deleted."));
  }

  private CustomerConsents load(String customerId) {
    return store.find(customerId).map(this::settle).orElseGet(() -> CustomerConsents.empty(customerId));
  }

  /** Finishes a book's pending write, if it has one: every step is idempotent. */
  private CustomerConsents settle(CustomerConsents book) {
    if (book.pending().isEmpty()) {
      return book;
    }
    PendingConsentWrite write = book.pending().get();
    store.appendHistory(write.entries());
    if (write.cause() == ConsentChangeCause.DECISION) {
      audit.recordOnce("consent-change:" + write.operationId(), book.customerId(), AuditAction.CONSENT_CHANGED,
          write.actor(), "", "",
          AuditDetails.facts(Map.of("consents_changed", Integer.toString(write.entries().size()))), write.time());
      events.record(new CustomerEvent("consent-" + RecordIds.derived(write.operationId()), book.customerId(),
          write.time(), "consent.changed", "", summary(write.entries()), "customers/" + book.customerId(),
          List.of(), Map.of("consents_changed", Integer.toString(write.entries().size()))));
    }
    store.clearPending(book.customerId(), write.operationId());
    return book.settled();
  }

  private List<ConsentChange> changesOf(CustomerConsents book, String operationId) {
    return store.history(List.of(book)).stream()
        .filter(c -> c.operationId().equals(operationId))
        .sorted(Comparator.comparingLong(ConsentChange::sequence))
        .toList();
  }

  private static String summary(List<ConsentChange> entries) {
    return entries.stream()
        .map(e -> label(e.decision().purpose().name()) + " by " + label(e.decision().channel().name()) + ": "
            + e.decision().status().name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining("; "));
  }

  private static String label(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * Checks decisions before anything is written: 1 to {@link #MAX_DECISIONS}, one per pair,
   * GRANTED or DENIED, not decided in the future, with a short source description.
   *
   * @throws InvalidArgumentException naming every offending field
   */
  public static void validate(List<ConsentDecision> decisions, Instant now) {
    List<FieldViolation> violations = new ArrayList<>();
    if (decisions.isEmpty()) {
      violations.add(new FieldViolation("consents", "needs at least one decision"));
    }
    if (decisions.size() > MAX_DECISIONS) {
      violations.add(new FieldViolation("consents", "holds more than " + MAX_DECISIONS + " decisions"));
    }
    Set<String> pairs = new HashSet<>();
    for (int i = 0; i < decisions.size(); i++) {
      ConsentDecision decision = decisions.get(i);
      String field = "consents[" + i + "]";
      if (!pairs.add(decision.pair())) {
        violations.add(new FieldViolation(field, "repeats the purpose and channel of an earlier decision"));
      }
      if (decision.status() == ConsentStatus.NONE) {
        violations.add(new FieldViolation(field + ".status", "must be GRANTED or DENIED"));
      }
      if (decision.decideTime().isAfter(now.plus(MAX_FUTURE_SKEW))) {
        violations.add(new FieldViolation(field + ".decide_time", "lies more than five minutes in the future"));
      }
      if (decision.sourceDescription().length() > MAX_SOURCE_DESCRIPTION) {
        violations.add(new FieldViolation(field + ".source.description",
            "is longer than " + MAX_SOURCE_DESCRIPTION + " characters"));
      } else if (decision.sourceDescription().chars().anyMatch(Character::isISOControl)) {
        violations.add(new FieldViolation(field + ".source.description", "contains control characters"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
