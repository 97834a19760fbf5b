package cx.runtime.paging;

import cx.runtime.failure.InvalidArgumentException;

/**
 * How many items one page holds, after the AIP-158 rules: zero means the default, anything
 * above the maximum is quietly lowered to it, a negative size is the caller's mistake.
 */
public final class PageSize {

  public static final int DEFAULT = 50;
  public static final int MAXIMUM = 1000;

  private PageSize() {
  }

  /** The page size to use for a requested one. */
  public static int coerce(int requested) {
    if (requested < 0) {
      throw InvalidArgumentException.of("page_size", "must not be negative");
    }
    if (requested == 0) {
      return DEFAULT;
    }
    return Math.min(requested, MAXIMUM);
  }
}
