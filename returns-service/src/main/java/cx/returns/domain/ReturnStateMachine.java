package cx.returns.domain;

import cx.runtime.failure.FailedPreconditionException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The legal moves of a return:
 *
 * <pre>
 *   REQUESTED  -> APPROVED (approve), REJECTED (reject), CANCELLED (cancel)
 *   APPROVED   -> IN_TRANSIT (markInTransit), CANCELLED (cancel), EXPIRED (expire)
 *   IN_TRANSIT -> RECEIVED (receive), CANCELLED (cancel)
 *   RECEIVED   -> RECEIVED (receive again, only while the receipt is partial), INSPECTED (inspect)
 *   INSPECTED  -> REFUNDED (refund), EXCHANGED (exchange), CREDITED (issueCredit), REJECTED (reject)
 * </pre>
 *
 * Every other combination is refused. REJECTED, CANCELLED, EXPIRED, REFUNDED, EXCHANGED and
 * CREDITED are final.
 */
public final class ReturnStateMachine {

  private ReturnStateMachine() {
  }

  /**
   * The state a transition leads to from {@code from}, if it is allowed there.
   *
   * @param partialReceipt whether units of a received return are still missing; only then may
   *     it be received again
   */
  public static Optional<ReturnState> target(ReturnState from, ReturnTransition transition, boolean partialReceipt) {
    ReturnState to = switch (from) {
      case REQUESTED -> switch (transition) {
        case APPROVE -> ReturnState.APPROVED;
        case REJECT -> ReturnState.REJECTED;
        case CANCEL -> ReturnState.CANCELLED;
        default -> null;
      };
      case APPROVED -> switch (transition) {
        case MARK_IN_TRANSIT -> ReturnState.IN_TRANSIT;
        case CANCEL -> ReturnState.CANCELLED;
        case EXPIRE -> ReturnState.EXPIRED;
        default -> null;
      };
      case IN_TRANSIT -> switch (transition) {
        case RECEIVE -> ReturnState.RECEIVED;
        case CANCEL -> ReturnState.CANCELLED;
        default -> null;
      };
      case RECEIVED -> switch (transition) {
        case RECEIVE -> partialReceipt ? ReturnState.RECEIVED : null;
        case INSPECT -> ReturnState.INSPECTED;
        default -> null;
      };
      case INSPECTED -> switch (transition) {
        case REFUND -> ReturnState.REFUNDED;
        case EXCHANGE -> ReturnState.EXCHANGED;
        case ISSUE_CREDIT -> ReturnState.CREDITED;
        case REJECT -> ReturnState.REJECTED;
        default -> null;
      };
      case REJECTED, REFUNDED, EXCHANGED, CREDITED, CANCELLED, EXPIRED -> null;
    };
    return Optional.ofNullable(to);
  }

  /**
   * The state a transition leads to from {@code from}.
   *
   * @throws FailedPreconditionException reason {@code INVALID_RETURN_STATE}, with the current
   *     state in metadata {@code state}, if the transition is not allowed there
   */
  public static ReturnState next(ReturnState from, ReturnTransition transition, boolean partialReceipt) {
    return target(from, transition, partialReceipt).orElseThrow(() -> invalidState(from, transition));
  }

  /** The refusal of a transition because of the return's current state. */
  public static FailedPreconditionException invalidState(ReturnState current, ReturnTransition transition) {
    return new FailedPreconditionException("INVALID_RETURN_STATE",
        "The return is " + current.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " and cannot be "
            + transition.pastTense() + ".",
        Map.of("state", current.name()));
  }
}
