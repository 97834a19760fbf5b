package cx.feedback.domain;

import cx.runtime.failure.FailedPreconditionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The complaint state machine. Pure: it computes the complaint after a move and decides nothing
 * about storage, so every rule of the lifecycle is here and tested without a store.
 *
 * <p>Each move appends an update (actor, time, note) and keeps the handling times: the first
 * update by an agent or administrator sets the first response time, the first resolution the
 * time to resolution, every resolution the full resolution time; a reopen counts itself and
 * clears the resolution rating, so that a rating is always about the latest resolution.
 */
public final class ComplaintLifecycle {

  /** The longest note a change may carry. */
  public static final int MAX_NOTE_LENGTH = 5000;

  private ComplaintLifecycle() {
  }

  /**
   * Checks a note given with a move before anything is read or written.
   *
   * @param field the request field holding the note, named in errors
   */
  public static void checkNote(ComplaintTransition transition, String note, String field) {
    new Violations().checkText(field, note, MAX_NOTE_LENGTH, transition.needsNote()).throwIfAny();
  }

  /**
   * The complaint after {@code transition}.
   *
   * @throws FailedPreconditionException reason {@code INVALID_COMPLAINT_STATE}, with the current
   *     state in metadata "state", when the move is not allowed from the complaint's state
   */
  public static Complaint apply(Complaint complaint, ComplaintTransition transition, Actor actor, String note,
      Instant now) {
    if (!transition.isAllowedFrom(complaint.state())) {
      throw new FailedPreconditionException("INVALID_COMPLAINT_STATE",
          complaint.name() + " is " + complaint.state() + "; it cannot be "
              + transition.recordedAs().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " from that state.",
          Map.of("state", complaint.state().name()));
    }
    List<ComplaintUpdate> updates = new ArrayList<>(complaint.updates());
    updates.add(new ComplaintUpdate(String.valueOf(updates.size() + 1), transition.recordedAs(), complaint.state(),
        transition.to(), actor, note, now));
    Instant firstResponse = complaint.firstResponseTime() == null && actor.isStaff()
        ? now : complaint.firstResponseTime();
    boolean resolving = transition == ComplaintTransition.RESOLVE;
    boolean reopening = transition == ComplaintTransition.REOPEN;
    return new Complaint(complaint.id(), complaint.customerId(), complaint.channel(), complaint.category(),
        complaint.severity(), complaint.description(), complaint.relatedRecords(), transition.to(), updates,
        complaint.filedBy(), complaint.resolveByTime(), firstResponse,
        resolving && complaint.firstResolveTime() == null ? now : complaint.firstResolveTime(),
        resolving ? now : complaint.lastResolveTime(),
        complaint.reopenCount() + (reopening ? 1 : 0),
        transition == ComplaintTransition.CLOSE ? now : complaint.closeTime(),
        reopening ? null : complaint.resolutionRating(),
        complaint.followUpId(), complaint.version() + 1, complaint.createTime(), now);
  }
}
