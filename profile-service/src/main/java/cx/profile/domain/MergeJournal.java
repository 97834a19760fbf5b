package cx.profile.domain;

import java.util.List;
import java.util.Optional;

/** Where merge records are kept. */
public interface MergeJournal {

  /** Stores a new record unless one with its id exists (a retried merge). */
  void insertIfAbsent(MergeRecord record);

  /** One record by id. */
  Optional<MergeRecord> find(String id);

  /** Moves a record from one state to another; false if it was not in {@code fromState}. */
  boolean transition(MergeRecord updated, String fromState);

  /** The records a customer took part in, on either side, newest first, after a position. */
  List<MergeRecord> listFor(String customerId, String afterId, int limit);

  /** The latest completed merge that moved this id into a survivor. */
  Optional<MergeRecord> latestCompletedFor(String mergedId);

  /**
   * Removes the personal content of a record: both profiles as they were become tombstones that
   * keep only ids and times, and the reason text goes.
   *
   * @return false if it held none any more
   */
  boolean pseudonymise(String id);

  /** Every record left half-way (merge or unmerge in progress), for repair at start-up. */
  List<MergeRecord> unfinished();
}
