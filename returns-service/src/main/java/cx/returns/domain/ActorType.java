package cx.returns.domain;

/** The kind of party that changed a return. */
public enum ActorType {
  /** The caller's kind is not known (no verified identity reached the service). */
  UNKNOWN,
  CUSTOMER,
  AGENT,
  ADMIN,
  /** The service itself: the policy's auto-approval or label expiry. */
  SYSTEM
}
