package cx.feedback.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Stores kept in maps, for use-case tests that need no database. */
final class InMemoryStores {

  private InMemoryStores() {
  }

  static final class Surveys implements SurveyStore {
    final Map<String, Survey> surveys = new HashMap<>();

    @Override
    public Optional<Survey> find(String id) {
      return Optional.ofNullable(surveys.get(id));
    }

    @Override
    public void insertIfAbsent(Survey survey) {
      surveys.putIfAbsent(survey.id(), survey);
    }

    @Override
    public List<Survey> list(ListFilters.Surveys filter, PagePosition after, int limit) {
      return List.copyOf(surveys.values());
    }

    @Override
    public boolean replace(Survey survey, long expectedVersion) {
      return surveys.computeIfPresent(survey.id(), (id, s) -> s.version() == expectedVersion ? survey : s) == survey;
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
      return surveys.remove(id) != null;
    }
  }

  static final class Rollups implements ScoreRollupStore {
    final Map<RollupPeriod, Map<ScoreCell, ScoreTally>> periods = new HashMap<>();

    @Override
    public void count(LocalDate day, ScoreCell cell, OptionalInt score) {
      for (RollupPeriod period : List.of(RollupPeriod.day(day), RollupPeriod.weekOf(day), RollupPeriod.monthOf(day))) {
        periods.computeIfAbsent(period, d -> new HashMap<>())
            .merge(cell, ScoreTally.empty(cell.surveyType()).with(score), ScoreTally::plus);
      }
    }

    @Override
    public List<PeriodRollup> read(Collection<RollupPeriod> wanted) {
      return wanted.stream().filter(periods::containsKey).map(p -> new PeriodRollup(p, periods.get(p))).toList();
    }

    @Override
    public LocalDate weeksAndMonthsSince() {
      return LocalDate.MIN;
    }
  }
}
