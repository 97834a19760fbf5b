package cx.profile.domain;

/** Where a customer profile is in its life. */
public enum CustomerState {
  /** The live profile of a customer. */
  ACTIVE,
  /** Merged into another profile, which answers for it from now on. */
  MERGED,
  /** Personal data removed on the customer's request; only a tombstone is left. */
  ERASED
}
