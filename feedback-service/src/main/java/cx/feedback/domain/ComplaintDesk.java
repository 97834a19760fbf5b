package cx.feedback.domain;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

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
  private final ResolutionTargets targets;
  private final Clock clock;

  public ComplaintDesk(ComplaintStore store, FollowUpStore followUps, ResolutionTargets targets, Clock clock) {
    this.store = store;
    this.followUps = followUps;
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
    escalateFollowUp(filed, filedBy);
    return filed;
  }

  private void escalateFollowUp(Complaint complaint, Actor actor) {
    if (complaint.followUpId().isEmpty()) {
      return;
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<FollowUp> followUp = followUps.findFollowUp(complaint.followUpId());
      if (followUp.isEmpty() || !followUp.get().isOpen()) {
        // Closed already, by this filing's earlier attempt or by an agent in the meantime.
        return;
      }
      FollowUp open = followUp.get();
      if (followUps.replaceFollowUp(open.escalatedTo(complaint.id(), actor, now()), open.version())) {
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
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Complaint current = get(customerId, id);
      if (expectedVersion != 0 && current.version() != expectedVersion) {
        throw new ConcurrentUpdateException(current.name());
      }
      Complaint moved = ComplaintLifecycle.apply(current, transition, actor, note, now());
      if (store.replace(moved, current.version())) {
        return moved;
      }
      if (expectedVersion != 0) {
        throw new ConcurrentUpdateException(current.name());
      }
    }
    throw new ConcurrentUpdateException("customers/" + customerId + "/complaints/" + id);
  }
}
