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
import java.util.Random;
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
  void aPeriodIsCoveredByWholeMonthsThenWholeWeeksThenDays() {
    // 2026-01-29 is a Thursday; February 2026 starts on a Sunday.
    List<RollupPeriod> cover = ScoreAnalytics.cover(
        new ScoreAnalytics.Period(LocalDate.parse("2026-01-29"), LocalDate.parse("2026-04-13")), LocalDate.MIN);

    assertThat(cover).containsExactly(
        RollupPeriod.day(LocalDate.parse("2026-01-29")), RollupPeriod.day(LocalDate.parse("2026-01-30")),
        RollupPeriod.day(LocalDate.parse("2026-01-31")), RollupPeriod.monthOf(LocalDate.parse("2026-02-01")),
        RollupPeriod.monthOf(LocalDate.parse("2026-03-01")), RollupPeriod.day(LocalDate.parse("2026-04-01")),
        RollupPeriod.day(LocalDate.parse("2026-04-02")), RollupPeriod.day(LocalDate.parse("2026-04-03")),
        RollupPeriod.day(LocalDate.parse("2026-04-04")), RollupPeriod.day(LocalDate.parse("2026-04-05")),
        RollupPeriod.weekOf(LocalDate.parse("2026-04-06")), RollupPeriod.day(LocalDate.parse("2026-04-13")));
  }

  @Test
  void weeksAndMonthsAreUsedOnlyFromTheDayTheyHoldEveryResponse() {
    List<RollupPeriod> cover = ScoreAnalytics.cover(
        new ScoreAnalytics.Period(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-31")),
        LocalDate.parse("2026-02-10"));

    assertThat(cover).startsWith(RollupPeriod.day(LocalDate.parse("2026-02-01")))
        .contains(RollupPeriod.day(LocalDate.parse("2026-02-09")), RollupPeriod.weekOf(LocalDate.parse("2026-02-16")),
            RollupPeriod.monthOf(LocalDate.parse("2026-03-01")))
        .doesNotContain(RollupPeriod.monthOf(LocalDate.parse("2026-02-01")));
    assertThat(cover).filteredOn(p -> p.start().isBefore(LocalDate.parse("2026-02-10")))
        .allSatisfy(p -> assertThat(p.length()).isEqualTo(RollupPeriod.Length.DAY));
  }

  @Test
  void everyCoverIsExactlyItsPeriodWithoutGapsOrOverlaps() {
    Random random = new Random(3);
    for (int i = 0; i < 500; i++) {
      LocalDate start = LocalDate.parse("2025-01-01").plusDays(random.nextInt(700));
      LocalDate end = start.plusDays(random.nextInt(400));
      LocalDate since = LocalDate.parse("2025-01-01").plusDays(random.nextInt(900));
      LocalDate next = start;
      for (RollupPeriod part : ScoreAnalytics.cover(new ScoreAnalytics.Period(start, end), since)) {
        assertThat(part.start()).isEqualTo(next);
        assertThat(part.end()).isBeforeOrEqualTo(end);
        if (part.length() != RollupPeriod.Length.DAY) {
          assertThat(part.start()).isAfterOrEqualTo(since);
        }
        next = part.end().plusDays(1);
      }
      assertThat(next).isEqualTo(end.plusDays(1));
    }
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
