package cx.returns.domain;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Applies transitions to stored returns: each is checked against the current state and written
 * as a compare-and-set on the return's version, so of two concurrent transitions at most one is
 * applied to a version and the other is checked again against the new state.
 *
 * <p>An approved return whose label went unused past its expiry is expired the moment anyone
 * reads or changes it, and by the scheduled sweep; expiring is itself a transition, so however
 * many of them race, one wins and the others see EXPIRED.
 */
final class ReturnTransitions {

  private static final int MAX_ATTEMPTS = 20;

  private final ReturnStore returns;
  private final ReturnableUnits units;
  private final Clock clock;
  private final Consumer<ProductReturn> afterChange;

  /**
   * @param afterChange told of the return after every change, and again whenever a transition is
   *     refused, so that whatever follows a change is repaired by the next attempt; it must be
   *     idempotent
   */
  ReturnTransitions(ReturnStore returns, ReturnableUnits units, Clock clock, Consumer<ProductReturn> afterChange) {
    this.returns = returns;
    this.units = units;
    this.clock = clock;
    this.afterChange = afterChange;
  }

  /** The customer's return as it is now, expired first if its label ran out. */
  ProductReturn current(String customerId, String returnId) {
    ProductReturn found = find(customerId, returnId);
    return found.labelExpiredAt(now()) ? expire(found) : found;
  }

  /**
   * Moves the customer's return by {@code transition}, applying {@code alsoChange} to the moved
   * return before it is written.
   *
   * @param expectedVersion the version the caller last read, or 0 not to check
   * @throws cx.runtime.failure.FailedPreconditionException reason {@code INVALID_RETURN_STATE}
   *     when the return's state does not allow the transition
   * @throws ConcurrentUpdateException when the return is not at {@code expectedVersion}
   */
  ProductReturn apply(String customerId, String returnId, long expectedVersion, ReturnTransition transition,
      Actor actor, String customerMessage, UnaryOperator<ProductReturn> alsoChange) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      ProductReturn current = find(customerId, returnId);
      Instant now = now();
      if (current.labelExpiredAt(now) && transition != ReturnTransition.EXPIRE) {
        // The caller could not have known: the refusal names the state, not a stale version.
        ProductReturn expired = expire(current);
        throw ReturnStateMachine.invalidState(expired.state(), transition);
      }
      if (expectedVersion != 0 && current.version() != expectedVersion) {
        throw new ConcurrentUpdateException(current.name(), current.version());
      }
      Optional<ReturnState> target = ReturnStateMachine.target(current.state(), transition, current.partialReceipt());
      if (target.isEmpty()) {
        if (current.state().releasesUnits()) {
          // Finishes a release an earlier transition may not have completed.
          units.release(current.orderId(), current.id());
        }
        afterChange.accept(current);
        throw ReturnStateMachine.invalidState(current.state(), transition);
      }
      ProductReturn next = alsoChange.apply(current.moveTo(target.get(), actor, now, customerMessage));
      if (returns.replace(next, current.version())) {
        if (next.state().releasesUnits()) {
          units.release(next.orderId(), next.id());
        }
        afterChange.accept(next);
        return next;
      }
      if (expectedVersion != 0) {
        throw new ConcurrentUpdateException(current.name());
      }
    }
    throw new ConcurrentUpdateException("customers/" + customerId + "/returns/" + returnId);
  }

  /**
   * Expires an approved return whose label ran out; a return that has moved on or expired
   * already is returned as it is now.
   */
  ProductReturn expire(ProductReturn overdue) {
    try {
      return apply(overdue.customerId(), overdue.id(), 0, ReturnTransition.EXPIRE, Actor.SYSTEM, "",
          UnaryOperator.identity());
    } catch (cx.runtime.failure.FailedPreconditionException movedOn) {
      return find(overdue.customerId(), overdue.id());
    }
  }

  Instant now() {
    // The store keeps milliseconds; deciding on the same precision makes reads match writes.
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private ProductReturn find(String customerId, String returnId) {
    return returns.find(returnId)
        .filter(r -> r.customerId().equals(customerId))
        .orElseThrow(() -> new NotFoundException("customers/" + customerId + "/returns/" + returnId));
  }
}
