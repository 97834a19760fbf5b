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
  /** The most updates one complaint's history holds. */
  public static final int MAX_UPDATES = 500;
  /** The highest resolution rating; the lowest is 0. */
  public static final int MAX_RATING = 10;
  /** A rating from this score up means the complaint was well handled. */
  public static final int WELL_HANDLED_RATING = 9;

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
    if (complaint.updates().size() >= MAX_UPDATES) {
      throw new UpdateLimitException("TOO_MANY_UPDATES",
          complaint.name() + " holds " + MAX_UPDATES + " updates, the most a complaint can hold.");
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

  /**
   * The complaint with a customer-visible note added; its state does not change. A note by an
   * agent or administrator counts as the first response.
   *
   * @throws FailedPreconditionException {@code INVALID_COMPLAINT_STATE} on a CLOSED complaint
   * @throws UpdateLimitException {@code TOO_MANY_UPDATES} when the history is full
   */
  public static Complaint addNote(Complaint complaint, Actor actor, String note, Instant now) {
    refuseWhenClosed(complaint, "take notes");
    return withUpdate(complaint, ComplaintUpdateKind.NOTE, actor, note, now, complaint.category(),
        complaint.severity(), complaint.resolveByTime(), complaint.resolutionRating());
  }

  /**
   * The complaint re-triaged to a category and severity; a new severity moves the time it must
   * be resolved by to the filing time plus that severity's target.
   *
   * @throws FailedPreconditionException {@code INVALID_COMPLAINT_STATE} on a CLOSED complaint
   * @throws UpdateLimitException {@code TOO_MANY_UPDATES} when the history is full
   */
  public static Complaint triage(Complaint complaint, ComplaintCategory category, ComplaintSeverity severity,
      ResolutionTargets targets, Actor actor, String note, Instant now) {
    refuseWhenClosed(complaint, "be re-triaged");
    Instant resolveBy = severity == complaint.severity()
        ? complaint.resolveByTime() : complaint.createTime().plus(targets.of(severity));
    return withUpdate(complaint, ComplaintUpdateKind.TRIAGED, actor, note, now, category, severity, resolveBy,
        complaint.resolutionRating());
  }

  /**
   * The complaint with the customer's rating of its current resolution. Repeating the rating
   * already given returns the complaint unchanged, so that a retry is safe.
   *
   * @throws cx.runtime.failure.InvalidArgumentException {@code SCORE_OUT_OF_RANGE} outside 0 to
   *     10, {@code TEXT_TOO_LONG} for a comment over 5,000 characters
   * @throws FailedPreconditionException {@code INVALID_COMPLAINT_STATE} unless RESOLVED or
   *     CLOSED; {@code ALREADY_RATED} when this resolution has a different rating
   */
  public static Complaint rate(Complaint complaint, int score, String comment, Actor actor, Instant now) {
    Violations violations = new Violations().checkText("rating.comment", comment, MAX_NOTE_LENGTH, false);
    if (score < 0 || score > MAX_RATING) {
      violations.add(Violations.SCORE_OUT_OF_RANGE, "rating.score", "must be from 0 to " + MAX_RATING);
    }
    violations.throwIfAny();
    if (complaint.state() != ComplaintState.RESOLVED && complaint.state() != ComplaintState.CLOSED) {
      throw new FailedPreconditionException("INVALID_COMPLAINT_STATE",
          complaint.name() + " is " + complaint.state() + "; only a resolved complaint can be rated.",
          Map.of("state", complaint.state().name()));
    }
    ResolutionRating current = complaint.resolutionRating();
    if (current != null) {
      if (current.score() == score && current.comment().equals(comment)) {
        return complaint;
      }
      throw new FailedPreconditionException("ALREADY_RATED",
          complaint.name() + " already has a different rating for its current resolution.");
    }
    return withUpdate(complaint, ComplaintUpdateKind.RATED, actor, comment, now, complaint.category(),
        complaint.severity(), complaint.resolveByTime(), new ResolutionRating(score, comment, now));
  }

  private static void refuseWhenClosed(Complaint complaint, String what) {
    if (complaint.state() == ComplaintState.CLOSED) {
      throw new FailedPreconditionException("INVALID_COMPLAINT_STATE",
          complaint.name() + " is CLOSED; it cannot " + what + ".", Map.of("state", complaint.state().name()));
    }
  }

  /** The complaint with one more update that does not change its state. */
  private static Complaint withUpdate(Complaint complaint, ComplaintUpdateKind kind, Actor actor, String note,
      Instant now, ComplaintCategory category, ComplaintSeverity severity, Instant resolveBy,
      ResolutionRating rating) {
    if (complaint.updates().size() >= MAX_UPDATES) {
      throw new UpdateLimitException("TOO_MANY_UPDATES",
          complaint.name() + " holds " + MAX_UPDATES + " updates, the most a complaint can hold.");
    }
    List<ComplaintUpdate> updates = new ArrayList<>(complaint.updates());
    updates.add(new ComplaintUpdate(String.valueOf(updates.size() + 1), kind, complaint.state(), complaint.state(),
        actor, note, now));
    Instant firstResponse = complaint.firstResponseTime() == null && actor.isStaff()
        ? now : complaint.firstResponseTime();
    return new Complaint(complaint.id(), complaint.customerId(), complaint.channel(), category, severity,
        complaint.description(), complaint.relatedRecords(), complaint.state(), updates, complaint.filedBy(),
        resolveBy, firstResponse, complaint.firstResolveTime(), complaint.lastResolveTime(),
        complaint.reopenCount(), complaint.closeTime(), rating, complaint.followUpId(), complaint.version() + 1,
        complaint.createTime(), now);
  }
}
