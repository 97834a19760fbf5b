package cx.feedback.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where follow-up cases are kept. */
public interface FollowUpStore {

  /** The follow-up case with this id. */
  Optional<FollowUp> findFollowUp(String id);

  /** A page of cases in the filter's order, after {@code after} (null for the first page). */
  List<FollowUp> list(ListFilters.FollowUps filter, PagePosition after, int limit);

  /** Replaces a case's customer id with a pseudonym and removes its closing note. */
  void pseudonymise(String id, String pseudonym);

  /** The cases with these ids that exist, in no particular order. */
  List<FollowUp> findFollowUps(Collection<String> ids);

  /** Stores a follow-up case unless one with its id exists already. */
  void insertFollowUpIfAbsent(FollowUp followUp);

  /** Stores each follow-up case unless one with its id exists already. */
  default void insertFollowUpsIfAbsent(List<FollowUp> followUps) {
    followUps.forEach(this::insertFollowUpIfAbsent);
  }

  /**
   * Replaces a case if its stored version is still {@code expectedVersion}.
   *
   * @return false if another change came first, and nothing was written
   */
  boolean replaceFollowUp(FollowUp followUp, long expectedVersion);
}
