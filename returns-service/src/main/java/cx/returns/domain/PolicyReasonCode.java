package cx.returns.domain;

/** The machine-readable reasons a policy decision can carry. */
public enum PolicyReasonCode {
  WITHIN_RETURN_WINDOW,
  BELOW_AUTO_APPROVAL_LIMIT,
  ABOVE_AUTO_APPROVAL_LIMIT,
  NO_AUTO_APPROVAL_LIMIT,
  RESTOCKING_FEE_APPLIES,
  EVIDENCE_PROVIDED
}
