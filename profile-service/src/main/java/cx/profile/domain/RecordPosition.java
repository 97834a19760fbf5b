package cx.profile.domain;

import java.time.Instant;

/**
 * A position in a newest-first list of records: the time and id of the last record of the
 * previous page. Records sort by time, newest first, then by id, larger first, so the order is
 * total and a page starting after a position misses nothing and repeats nothing.
 */
public record RecordPosition(Instant time, String id) {

  /** Whether a record with this time and id comes after the position in newest-first order. */
  public boolean precedes(Instant recordTime, String recordId) {
    int byTime = time.compareTo(recordTime);
    return byTime > 0 || (byTime == 0 && id.compareTo(recordId) > 0);
  }
}
