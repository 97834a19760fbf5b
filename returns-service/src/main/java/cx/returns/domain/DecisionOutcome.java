package cx.returns.domain;

/** What the return policy decided about a new return it did not refuse. */
public enum DecisionOutcome {
  /** Below the auto-approval limit: the return starts APPROVED. */
  AUTO_APPROVED,
  /** The return starts REQUESTED and waits for an agent. */
  MANUAL_REVIEW
}
