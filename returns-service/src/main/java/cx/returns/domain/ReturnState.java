package cx.returns.domain;

/** Where a return is in its lifecycle; see {@link ReturnStateMachine} for the arrows. */
public enum ReturnState {
  REQUESTED, APPROVED, REJECTED, IN_TRANSIT, RECEIVED, INSPECTED, REFUNDED, EXCHANGED, CREDITED, CANCELLED, EXPIRED;

  /** Whether nothing can happen to the return any more. */
  public boolean isFinal() {
    return switch (this) {
      case REJECTED, CANCELLED, EXPIRED, REFUNDED, EXCHANGED, CREDITED -> true;
      default -> false;
    };
  }

  /** Whether a return in this state gives its units back: they become returnable again. */
  public boolean releasesUnits() {
    return this == REJECTED || this == CANCELLED || this == EXPIRED;
  }
}
