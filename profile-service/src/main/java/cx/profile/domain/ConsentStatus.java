package cx.profile.domain;

/**
 * A decision for one purpose on one channel, in increasing restrictiveness: when profiles merge,
 * the later constant wins.
 */
public enum ConsentStatus {
  /** No decision is recorded; only ever seen in history entries and checks, never stored as current. */
  NONE,
  /** The customer agreed. */
  GRANTED,
  /** The customer refused or withdrew their agreement. */
  DENIED;

  /** Whether this status restricts more than another (DENIED beats GRANTED beats NONE). */
  public boolean isMoreRestrictiveThan(ConsentStatus other) {
    return compareTo(other) > 0;
  }
}
