package cx.feedback.domain;

import java.util.Optional;

/** Where follow-up cases are kept. */
public interface FollowUpStore {

  /** The follow-up case with this id. */
  Optional<FollowUp> findFollowUp(String id);

  /** Stores a follow-up case unless one with its id exists already. */
  void insertFollowUpIfAbsent(FollowUp followUp);

  /**
   * Replaces a case if its stored version is still {@code expectedVersion}.
   *
   * @return false if another change came first, and nothing was written
   */
  boolean replaceFollowUp(FollowUp followUp, long expectedVersion);
}
