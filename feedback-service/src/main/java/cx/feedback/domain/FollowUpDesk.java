package cx.feedback.domain;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Finds and closes the follow-up cases opened for unhappy answers. */
public final class FollowUpDesk {

  private final FollowUpStore store;
  private final ReadModels views;
  private final Clock clock;

  public FollowUpDesk(FollowUpStore store, ReadModels views, Clock clock) {
    this.store = store;
    this.views = views;
    this.clock = clock;
  }

  /**
   * The follow-up case with this id, if it belongs to the customer.
   *
   * @throws NotFoundException if there is none, or it is another customer's
   */
  public FollowUp get(String customerId, String id) {
    return store.findFollowUp(id).filter(f -> f.customerId().equals(customerId))
        .orElseThrow(() -> new NotFoundException("customers/" + customerId + "/followUps/" + id));
  }

  /**
   * Closes an open case with its outcome. Escalation is not an outcome given here: filing a
   * complaint that names the case closes it so.
   *
   * @param outcome null when the caller gave none
   * @throws cx.runtime.failure.InvalidArgumentException for a missing or escalation outcome, or
   *     an oversized note
   * @throws FailedPreconditionException {@code INVALID_FOLLOW_UP_STATE} when the case is closed
   * @throws ConcurrentUpdateException when {@code expectedVersion} is stale or another change won
   */
  public FollowUp close(String customerId, String id, FollowUpOutcome outcome, String note, long expectedVersion,
      Actor actor) {
    Violations violations = new Violations().checkText("note", note, ComplaintLifecycle.MAX_NOTE_LENGTH, false);
    if (outcome == null || outcome == FollowUpOutcome.ESCALATED_TO_COMPLAINT) {
      violations.add("outcome", "must be RESOLVED, CUSTOMER_UNREACHABLE or NO_ACTION_NEEDED");
    }
    violations.throwIfAny();
    FollowUp current = get(customerId, id);
    views.followUpStored(current);
    if (expectedVersion != 0 && current.version() != expectedVersion) {
      throw new ConcurrentUpdateException(current.name(), current.version());
    }
    if (!current.isOpen()) {
      throw new FailedPreconditionException("INVALID_FOLLOW_UP_STATE", current.name() + " is already closed.",
          Map.of("state", current.state().name()));
    }
    FollowUp closed = current.closedWith(outcome, note, actor, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    if (!store.replaceFollowUp(closed, current.version())) {
      throw new ConcurrentUpdateException(current.name());
    }
    views.followUpStored(closed);
    return closed;
  }
}
