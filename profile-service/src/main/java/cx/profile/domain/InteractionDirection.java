package cx.profile.domain;

/** Who started an interaction. */
public enum InteractionDirection {
  /** Not known, or it does not apply (a web visit). */
  UNKNOWN,
  /** The customer reached out to the business. */
  INBOUND,
  /** The business reached out to the customer. */
  OUTBOUND
}
