package cx.returns.domain;

/** Why a customer returns goods; a fixed list so that reasons can be counted. */
public enum ReturnReason {
  WRONG_SIZE, DAMAGED, NOT_AS_DESCRIBED, CHANGED_MIND, ARRIVED_LATE, OTHER;

  /** Whether the reason points at a problem the customer may also want to complain about. */
  public boolean suggestsComplaint() {
    return this == DAMAGED || this == NOT_AS_DESCRIBED;
  }
}
