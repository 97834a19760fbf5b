package cx.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoreAnalyticsTest {

  static final Instant NOW = Instant.parse("2026-03-15T10:00:00Z");

  final InMemoryStores.Surveys surveyStore = new InMemoryStores.Surveys();
  final InMemoryStores.Rollups rollups = new InMemoryStores.Rollups();
  final ScoreAnalytics analytics = new ScoreAnalytics(
      new SurveyCatalogue(surveyStore, Clock.fixed(NOW, ZoneOffset.UTC)), rollups, Clock.fixed(NOW, ZoneOffset.UTC));

  static final ScoreCell NPS_EMAIL = new ScoreCell(SurveyType.NPS, Touchpoint.AFTER_DELIVERY, Channel.EMAIL, "s1");
  static final ScoreCell NPS_WEB = new ScoreCell(SurveyType.NPS, Touchpoint.AFTER_RETURN, Channel.WEB, "s2");
  static final ScoreCell CSAT_WEB = new ScoreCell(SurveyType.CSAT, Touchpoint.AFTER_DELIVERY, Channel.WEB, "s3");

  static ScoreQuery query(LocalDate start, LocalDate end, TrendGranularity granularity) {
    return new ScoreQuery(Set.of(), Set.of(), Set.of(), Set.of(), start, end, granularity);
  }

  void count(String day, ScoreCell cell, int... scores) {
    for (int score : scores) {
      rollups.count(LocalDate.parse(day), cell, OptionalInt.of(score));
    }
  }

  @Test
  void withoutDatesTheRangeIsTheThirtyDaysEndingTodayInUtc() {
    ScoreSummary summary = analytics.summarize(query(null, null, TrendGranularity.NONE));

    assertThat(summary.endDate()).isEqualTo(LocalDate.parse("2026-03-15"));
    assertThat(summary.startDate()).isEqualTo(LocalDate.parse("2026-02-14"));
    assertThat(summary.trend()).isEmpty();
    assertThat(summary.totals()).containsOnlyKeys(SurveyType.NPS, SurveyType.CSAT, SurveyType.CES);
  }

  @Test
  void totalsAddTheCoveredCellsOfTheCoveredDaysOnly() {
    count("2026-03-01", NPS_EMAIL, 10, 9);
    count("2026-03-02", NPS_WEB, 0);
    count("2026-03-02", CSAT_WEB, 5, 1);
    count("2026-02-28", NPS_EMAIL, 0, 0, 0);

    ScoreSummary all = analytics.summarize(query(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"),
        TrendGranularity.NONE));
    ScoreSummary emailNps = analytics.summarize(new ScoreQuery(Set.of(SurveyType.NPS), Set.of(),
        Set.of(Channel.EMAIL), Set.of(), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"),
        TrendGranularity.NONE));

    assertThat(all.totals().get(SurveyType.NPS).nps().getAsDouble()).isEqualTo((2 - 1) * 100.0 / 3);
    assertThat(all.totals().get(SurveyType.CSAT).percentOf(1)).hasValue(50.0);
    assertThat(all.totals().get(SurveyType.CES).responseCount()).isZero();
    assertThat(emailNps.totals()).containsOnlyKeys(SurveyType.NPS);
    assertThat(emailNps.totals().get(SurveyType.NPS).nps()).hasValue(100.0);
  }

  @Test
  void weeksAreIsoWeeksClippedToTheRangeAndEmptyBucketsAreKept() {
    count("2026-03-04", NPS_EMAIL, 10);

    // 2026-03-01 is a Sunday; 2026-03-18 a Wednesday.
    List<ScoreSummary.Bucket> trend = analytics.summarize(query(LocalDate.parse("2026-03-01"),
        LocalDate.parse("2026-03-18"), TrendGranularity.WEEK)).trend();

    assertThat(trend).extracting(b -> b.startDate() + ".." + b.endDate()).containsExactly(
        "2026-03-01..2026-03-01", "2026-03-02..2026-03-08", "2026-03-09..2026-03-15", "2026-03-16..2026-03-18");
    assertThat(trend).extracting(b -> b.tallies().get(SurveyType.NPS).responseCount()).containsExactly(0L, 1L, 0L, 0L);
  }

  @Test
  void monthsAndDaysAreCalendarBucketsClippedToTheRange() {
    assertThat(ScoreAnalytics.buckets(LocalDate.parse("2026-01-20"), LocalDate.parse("2026-03-02"),
        TrendGranularity.MONTH)).extracting(p -> p.start() + ".." + p.end()).containsExactly(
        "2026-01-20..2026-01-31", "2026-02-01..2026-02-28", "2026-03-01..2026-03-02");
    assertThat(ScoreAnalytics.buckets(LocalDate.parse("2026-02-27"), LocalDate.parse("2026-03-01"),
        TrendGranularity.DAY)).hasSize(3);
  }

  @Test
  void aTrendOfMoreThanAThousandBucketsIsRefused() {
    assertThatThrownBy(() -> analytics.summarize(query(LocalDate.parse("2020-01-01"), LocalDate.parse("2026-01-01"),
        TrendGranularity.DAY)))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.reason()).isEqualTo("TOO_MANY_BUCKETS"));
    assertThat(analytics.summarize(query(LocalDate.parse("2020-01-01"), LocalDate.parse("2026-01-01"),
        TrendGranularity.MONTH)).trend()).hasSize(73);
  }

  @Test
  void anEndBeforeTheStartOrAnUnknownSurveyIsRefused() {
    assertThatThrownBy(() -> analytics.summarize(query(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-01"),
        TrendGranularity.NONE))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> analytics.summarize(new ScoreQuery(Set.of(), Set.of("missing"), Set.of(), Set.of(),
        null, null, TrendGranularity.NONE))).isInstanceOf(NotFoundException.class);
  }
}
