package cx.feedback.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where complaints are kept, each with its full history in one document. */
public interface ComplaintStore {

  /** The complaint with this id. */
  Optional<Complaint> find(String id);

  /** A page of complaints in the filter's order, after {@code after} (null for the first page). */
  List<Complaint> list(ListFilters.Complaints filter, PagePosition after, int limit);

  /**
   * Stores a complaint whose personal fields were removed, whatever its version: an erasure wins
   * over any change.
   */
  void overwrite(Complaint complaint);

  /** The complaints with these ids that exist, in no particular order. */
  List<Complaint> findAll(Collection<String> ids);

  /** Stores a new complaint unless one with its id exists already (a retried filing). */
  void insertIfAbsent(Complaint complaint);

  /**
   * Replaces a complaint if its stored version is still {@code expectedVersion}, so that of two
   * concurrent changes based on the same version exactly one is written.
   *
   * @return false if another change came first, and nothing was written
   */
  boolean replace(Complaint complaint, long expectedVersion);
}
