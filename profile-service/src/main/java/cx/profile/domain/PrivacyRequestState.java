package cx.profile.domain;

/** Where a data-subject request is: IN_PROGRESS, then SUCCEEDED or FAILED. */
public enum PrivacyRequestState {
  /** At least one service has not finished its part. */
  IN_PROGRESS,
  /** Every service finished its part. */
  SUCCEEDED,
  /** A service's part failed in a way no retry can fix. */
  FAILED
}
