package cx.feedback.domain;

import java.util.Optional;

/** Where survey definitions are kept. */
public interface SurveyStore {

  /** The survey with this id. */
  Optional<Survey> find(String id);

  /** Stores a new survey unless one with its id exists already (a retried create). */
  void insertIfAbsent(Survey survey);
}
