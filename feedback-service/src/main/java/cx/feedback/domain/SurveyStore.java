package cx.feedback.domain;

import java.util.List;
import java.util.Optional;

/** Where survey definitions are kept. */
public interface SurveyStore {

  /** The survey with this id. */
  Optional<Survey> find(String id);

  /** Stores a new survey unless one with its id exists already (a retried create). */
  void insertIfAbsent(Survey survey);

  /** A page of surveys, newest first, after {@code after} (null for the first page). */
  List<Survey> list(ListFilters.Surveys filter, PagePosition after, int limit);

  /**
   * Replaces a survey if its stored version is still {@code expectedVersion}.
   *
   * @return false if another change came first, and nothing was written
   */
  boolean replace(Survey survey, long expectedVersion);

  /**
   * Deletes a survey if its stored version is still {@code expectedVersion}.
   *
   * @return false if it changed or is gone, and nothing was deleted
   */
  boolean delete(String id, long expectedVersion);
}
