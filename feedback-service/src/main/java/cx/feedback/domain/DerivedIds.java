package cx.feedback.domain;

import cx.runtime.ids.RecordIds;

/**
 * Ids computed from a natural key instead of drawn at random. Writing a record under the id of
 * its key makes the store's unique {@code _id} the guard against duplicates: concurrent or
 * repeated writes of one key all land on one document, without a transaction.
 */
public final class DerivedIds {

  private static final int LENGTH = 26;

  private DerivedIds() {
  }

  /**
   * A 26-character id (130 bits of SHA-256, in the same alphabet as random ids) for the given
   * key parts. Parts are length-prefixed, so no two different part lists give the same input.
   */
  public static String of(String... parts) {
    return RecordIds.derived(LENGTH, parts);
  }
}
