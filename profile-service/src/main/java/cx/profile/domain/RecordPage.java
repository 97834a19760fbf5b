package cx.profile.domain;

import java.util.List;

/**
 * One page of a newest-first list of records.
 *
 * @param hasMore whether records remain after the last one
 */
public record RecordPage<T>(List<T> items, boolean hasMore) {

  public RecordPage {
    items = List.copyOf(items);
  }

  /** The page of at most {@code limit} records from an already sorted list. */
  static <T> RecordPage<T> of(List<T> sorted, int limit) {
    boolean hasMore = sorted.size() > limit;
    return new RecordPage<>(hasMore ? sorted.subList(0, limit) : sorted, hasMore);
  }
}
