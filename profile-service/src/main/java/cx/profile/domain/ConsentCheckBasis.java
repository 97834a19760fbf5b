package cx.profile.domain;

/** What the answer to a consent check is based on. */
public enum ConsentCheckBasis {
  /** A decision recorded for the exact purpose and channel. */
  CHANNEL_DECISION,
  /** A decision for the purpose on {@link ConsentChannel#ANY}, since none exists for the channel. */
  ANY_CHANNEL_DECISION,
  /** No decision is recorded; the configured default for the purpose applied. */
  DEFAULT_POLICY,
  /** The customer's personal data was erased; nothing is allowed. */
  CUSTOMER_ERASED
}
