package cx.feedback.domain;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Changes and deletes survey definitions, each change conditional on the version it read. */
public final class SurveyAdministration {

  private final SurveyCatalogue catalogue;
  private final SurveyStore store;
  private final ResponseStore responses;
  private final Clock clock;

  public SurveyAdministration(SurveyCatalogue catalogue, SurveyStore store, ResponseStore responses, Clock clock) {
    this.catalogue = catalogue;
    this.store = store;
    this.responses = responses;
    this.clock = clock;
  }

  /**
   * Replaces the changeable fields of a survey with those of {@code definition}; its type and
   * touchpoint never change.
   *
   * @param baseVersion the version the definition was computed from
   * @throws ConcurrentUpdateException when the survey is no longer at that version
   */
  public Survey update(String id, NewSurvey definition, long baseVersion) {
    Survey current = catalogue.get(id);
    if (current.version() != baseVersion) {
      throw new ConcurrentUpdateException(current.name(), current.version());
    }
    Survey updated = new Survey(id, definition.displayName(), current.type(), definition.question(),
        definition.followUpQuestion(), current.touchpoint(), definition.channels(), definition.startTime(),
        definition.endTime(), definition.quietPeriod(), current.version() + 1, current.createTime(),
        clock.instant().truncatedTo(ChronoUnit.MILLIS));
    if (!store.replace(updated, current.version())) {
      throw new ConcurrentUpdateException(current.name());
    }
    return updated;
  }

  /**
   * Deletes a survey nobody answered.
   *
   * @param expectedVersion the version the caller saw, or 0 not to check
   * @throws FailedPreconditionException {@code SURVEY_HAS_RESPONSES} when it has responses
   * @throws ConcurrentUpdateException when the version is stale
   */
  public void delete(String id, long expectedVersion) {
    Survey current = catalogue.get(id);
    if (expectedVersion != 0 && current.version() != expectedVersion) {
      throw new ConcurrentUpdateException(current.name(), current.version());
    }
    if (responses.anyFor(id)) {
      throw new FailedPreconditionException("SURVEY_HAS_RESPONSES",
          current.name() + " has responses; end its active window instead.");
    }
    if (!store.delete(id, current.version())) {
      throw new ConcurrentUpdateException(current.name());
    }
  }
}
