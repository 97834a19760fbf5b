package cx.feedback.domain;

import cx.runtime.failure.NotFoundException;
import java.time.Clock;

/** Creates and finds survey definitions. */
public final class SurveyCatalogue {

  private final SurveyStore store;
  private final Clock clock;

  public SurveyCatalogue(SurveyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Creates the survey with the given id, or returns it if a create with this id (a retry with
   * the same request id) already stored it.
   */
  public Survey create(String id, NewSurvey definition) {
    store.insertIfAbsent(Survey.create(id, definition, clock.instant()));
    return get(id);
  }

  /**
   * The survey with this id.
   *
   * @throws NotFoundException if there is none
   */
  public Survey get(String id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("surveys/" + id));
  }
}
