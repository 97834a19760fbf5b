package cx.feedback.domain;

import java.util.Optional;

/** Where complaints are kept, each with its full history in one document. */
public interface ComplaintStore {

  /** The complaint with this id. */
  Optional<Complaint> find(String id);

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
