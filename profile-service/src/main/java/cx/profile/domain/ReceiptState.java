package cx.profile.domain;

/** Where one service's part of a data-subject request is. */
public enum ReceiptState {
  /** Not called yet. */
  PENDING,
  /** At least one call failed; another is scheduled. */
  RETRYING,
  /** The service finished its part and said what it did. */
  DONE,
  /** The service's part failed in a way no retry can fix. */
  FAILED,
  /** Never asked: the request failed before this service's turn. */
  SKIPPED;

  /** Whether the part still has to be done. */
  public boolean open() {
    return this == PENDING || this == RETRYING;
  }
}
