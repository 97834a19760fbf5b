package cx.feedback.domain;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Files complaints and moves them through their lifecycle.
 *
 * <p>A complaint and its whole history are one document, so a move and its update record are
 * one write. That write is conditional on the version the move was computed from: of two
 * concurrent moves exactly one is stored, and the other is computed again from the new state
 * (where it is usually no longer allowed) or, when the caller named the version it saw, refused
 * as a conflict.
 */
public final class ComplaintDesk {

  /** How often a move without an expected version is recomputed after losing a race. */
  static final int MAX_ATTEMPTS = 5;

  private final ComplaintStore store;
  private final FollowUpStore followUps;
  private final ReadModels views;
  private final ResolutionTargets targets;
  private final Clock clock;

  public ComplaintDesk(ComplaintStore store, FollowUpStore followUps, ReadModels views,
      ResolutionTargets targets, Clock clock) {
    this.store = store;
    this.followUps = followUps;
    this.views = views;
    this.targets = targets;
    this.clock = clock;
  }

  /**
   * Files the complaint with the given id, or returns it if a filing with this id (a retry with
   * the same request id) already stored it. A follow-up case named by the complaint is closed
   * as escalated to it; a retry finishes that if an earlier attempt stopped short.
   *
   * @throws NotFoundException for a follow-up case that does not exist or is another customer's
   * @throws FailedPreconditionException {@code INVALID_FOLLOW_UP_STATE} when that case is
   *     already closed
   */
  public Complaint file(String id, NewComplaint request, Actor filedBy) {
    Optional<Complaint> existing = store.find(id);
    if (existing.isPresent()) {
      views.complaintStored(existing.get());
      escalateFollowUp(existing.get(), filedBy);
      return existing.get();
    }
    if (!request.followUpId().isEmpty()) {
      FollowUp followUp = followUpOf(request.customerId(), request.followUpId());
      if (!followUp.isOpen() && !followUp.complaintId().equals(id)) {
        throw new FailedPreconditionException("INVALID_FOLLOW_UP_STATE",
            followUp.name() + " is already closed.", Map.of("state", followUp.state().name()));
      }
    }
    Instant now = now();
    store.insertIfAbsent(Complaint.file(id, request, filedBy, targets.of(request.severity()), now));
    Complaint filed = store.find(id).orElseThrow(() -> new IllegalStateException("a stored complaint vanished"));
    views.complaintStored(filed);
    escalateFollowUp(filed, filedBy);
    return filed;
  }

  private void escalateFollowUp(Complaint complaint, Actor actor) {
    if (complaint.followUpId().isEmpty()) {
      return;
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<FollowUp> followUp = followUps.findFollowUp(complaint.followUpId());
      if (followUp.isEmpty()) {
        return;
      }
      if (!followUp.get().isOpen()) {
        // Closed already, by this filing's earlier attempt or by an agent in the meantime.
        views.followUpStored(followUp.get());
        return;
      }
      FollowUp open = followUp.get();
      FollowUp escalated = open.escalatedTo(complaint.id(), actor, now());
      if (followUps.replaceFollowUp(escalated, open.version())) {
        views.followUpStored(escalated);
        return;
      }
    }
  }

  /** The current time at the store's precision, so that a complaint returned equals the one read back later. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private FollowUp followUpOf(String customerId, String followUpId) {
    return followUps.findFollowUp(followUpId).filter(f -> f.customerId().equals(customerId))
        .orElseThrow(() -> new NotFoundException("customers/" + customerId + "/followUps/" + followUpId));
  }

  /**
   * The complaint with this id, if it belongs to the customer.
   *
   * @throws NotFoundException if there is none, or it is another customer's
   */
  public Complaint get(String customerId, String id) {
    return store.find(id).filter(c -> c.customerId().equals(customerId))
        .orElseThrow(() -> new NotFoundException("customers/" + customerId + "/complaints/" + id));
  }

  /**
   * Moves a complaint through its lifecycle and records the move with its actor, time and note.
   *
   * @param expectedVersion the version the caller based the move on, or 0 not to check
   * @param noteField the request field holding the note, named in errors
   * @throws cx.runtime.failure.InvalidArgumentException for a missing or oversized note
   * @throws NotFoundException if the complaint does not exist or is another customer's
   * @throws FailedPreconditionException {@code INVALID_COMPLAINT_STATE} when the move is not
   *     allowed from the complaint's state
   * @throws ConcurrentUpdateException when {@code expectedVersion} is stale, or a concurrent
   *     change kept winning
   */
  public Complaint move(String customerId, String id, ComplaintTransition transition, long expectedVersion,
      Actor actor, String note, String noteField) {
    ComplaintLifecycle.checkNote(transition, note, noteField);
    return change(customerId, id, expectedVersion,
        current -> ComplaintLifecycle.apply(current, transition, actor, note, now()));
  }

  /**
   * Adds a customer-visible note without changing the complaint's state.
   *
   * @throws cx.runtime.failure.InvalidArgumentException for a missing or oversized note
   * @throws FailedPreconditionException {@code INVALID_COMPLAINT_STATE} on a CLOSED complaint
   * @throws UpdateLimitException {@code TOO_MANY_UPDATES} when the history is full
   * @throws ConcurrentUpdateException when {@code expectedVersion} is stale
   */
  public Complaint addNote(String customerId, String id, long expectedVersion, Actor actor, String note) {
    new Violations().checkText("note", note, ComplaintLifecycle.MAX_NOTE_LENGTH, true).throwIfAny();
    return change(customerId, id, expectedVersion, current -> ComplaintLifecycle.addNote(current, actor, note, now()));
  }

  /**
   * Re-triages a complaint: a new category, a new severity (which moves its resolve-by time),
   * or both; null keeps the current value.
   *
   * @throws FailedPreconditionException {@code INVALID_COMPLAINT_STATE} on a CLOSED complaint
   * @throws ConcurrentUpdateException when {@code expectedVersion} is stale
   */
  public Complaint triage(String customerId, String id, long expectedVersion, ComplaintCategory category,
      ComplaintSeverity severity, Actor actor, String note) {
    new Violations().checkText("note", note, ComplaintLifecycle.MAX_NOTE_LENGTH, false).throwIfAny();
    return change(customerId, id, expectedVersion, current -> ComplaintLifecycle.triage(current,
        category == null ? current.category() : category, severity == null ? current.severity() : severity,
        targets, actor, note, now()));
  }

  /**
   * Records the customer's rating of the complaint's current resolution; repeating the same
   * rating changes nothing.
   *
   * @throws cx.runtime.failure.InvalidArgumentException {@code SCORE_OUT_OF_RANGE} or
   *     {@code TEXT_TOO_LONG}
   * @throws FailedPreconditionException {@code INVALID_COMPLAINT_STATE} unless resolved;
   *     {@code ALREADY_RATED} for a different rating of the same resolution
   * @throws ConcurrentUpdateException when {@code expectedVersion} is stale
   */
  public Complaint rate(String customerId, String id, long expectedVersion, int score, String comment) {
    Actor customer = new Actor(ActorRole.CUSTOMER, customerId);
    return change(customerId, id, expectedVersion,
        current -> ComplaintLifecycle.rate(current, score, comment, customer, now()));
  }

  /**
   * Applies a change computed from the current complaint, written only if the complaint is still
   * at the version the change was computed from; recomputed after losing a race when the caller
   * named no version. A change that returns the complaint itself writes nothing. The statistics
   * facts are brought up to date first, so that a retry after a crash between a change and its
   * facts repairs them, and again after the change.
   */
  private Complaint change(String customerId, String id, long expectedVersion, UnaryOperator<Complaint> change) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Complaint current = get(customerId, id);
      views.complaintStored(current);
      if (expectedVersion != 0 && current.version() != expectedVersion) {
        throw new ConcurrentUpdateException(current.name(), current.version());
      }
      Complaint changed = change.apply(current);
      if (changed == current) {
        return current;
      }
      if (store.replace(changed, current.version())) {
        views.complaintStored(changed);
        return changed;
      }
      if (expectedVersion != 0) {
        throw new ConcurrentUpdateException(current.name());
      }
    }
    throw new ConcurrentUpdateException("customers/" + customerId + "/complaints/" + id);
  }
}
