package cx.feedback.domain;

import java.util.Optional;

/** Where survey responses are kept. */
public interface ResponseStore {

  /** The response with this id. */
  Optional<SurveyResponse> findResponse(String id);

  /**
   * Stores a response unless one with its id (its natural key) exists already.
   *
   * @return true if this call stored it
   */
  boolean insertResponseIfAbsent(SurveyResponse response);
}
