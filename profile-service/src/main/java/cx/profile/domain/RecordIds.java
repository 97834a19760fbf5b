package cx.profile.domain;

/**
 * Ids of the records kept about a profile (consent changes, audit entries, interactions):
 * random when a record is new, or computed from a natural key when a repeated write must land
 * on the same record, so that the store's unique {@code _id} is the guard against duplicates.
 */
public final class RecordIds {

  private static final int LENGTH = 20;

  private RecordIds() {
  }

  /** A new random id: 20 characters, 100 bits, no look-alike characters. */
  public static String random() {
    return cx.runtime.ids.RecordIds.random(LENGTH);
  }

  /** The id for a natural key given as parts: 20 characters of its SHA-256. */
  public static String derived(String... parts) {
    return cx.runtime.ids.RecordIds.derived(LENGTH, parts);
  }
}
