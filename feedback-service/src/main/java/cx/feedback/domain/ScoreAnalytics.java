package cx.feedback.domain;

import cx.runtime.failure.InvalidArgumentException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers score summaries from the rollups alone, never from the responses: the rollups hold
 * exact counts per score, so adding up the covered cells of rollup periods that together are
 * exactly the asked days gives exactly what a recomputation over the responses would. A year
 * by month reads twelve month rollups, not 365 days.
 */
public final class ScoreAnalytics {

  /** The default range: this many days, ending today. */
  public static final int DEFAULT_RANGE_DAYS = 30;
  /** The most buckets a trend may have. */
  public static final int MAX_BUCKETS = 1000;
  /** The most surveys a summary may be narrowed to. */
  public static final int MAX_SURVEYS = 100;

  private final SurveyCatalogue surveys;
  private final ScoreRollupStore rollups;
  private final Clock clock;

  public ScoreAnalytics(SurveyCatalogue surveys, ScoreRollupStore rollups, Clock clock) {
    this.surveys = surveys;
    this.rollups = rollups;
    this.clock = clock;
  }

  /**
   * The scores of the responses the query covers, with the trend it asks for.
   *
   * @throws InvalidArgumentException for an end before the start, more than 100 surveys, or
   *     ({@code TOO_MANY_BUCKETS}) a trend of more than 1,000 buckets
   * @throws cx.runtime.failure.NotFoundException for an unknown survey
   */
  public ScoreSummary summarize(ScoreQuery query) {
    LocalDate end = query.endDate() != null ? query.endDate() : LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate start = query.startDate() != null ? query.startDate() : end.minusDays(DEFAULT_RANGE_DAYS - 1);
    if (end.isBefore(start)) {
      throw InvalidArgumentException.of("end_date", "must not be before start_date");
    }
    if (query.surveyIds().size() > MAX_SURVEYS) {
      throw InvalidArgumentException.of("surveys", "holds more than " + MAX_SURVEYS + " surveys");
    }
    List<Period> periods = buckets(start, end, query.granularity());
    query.surveyIds().forEach(surveys::get);

    Set<SurveyType> types = query.reportedTypes();
    LocalDate coarseSince = rollups.weeksAndMonthsSince();
    Map<Period, List<RollupPeriod>> covers = new LinkedHashMap<>();
    Set<RollupPeriod> wanted = new LinkedHashSet<>();
    for (Period period : periods) {
      List<RollupPeriod> cover = cover(period, coarseSince);
      covers.put(period, cover);
      wanted.addAll(cover);
    }
    Map<RollupPeriod, PeriodRollup> read = new HashMap<>();
    for (PeriodRollup rollup : rollups.read(wanted)) {
      read.put(rollup.period(), rollup);
    }
    List<ScoreSummary.Bucket> trend = new ArrayList<>();
    Map<SurveyType, ScoreTally> totals = emptyTallies(types);
    for (Period period : periods) {
      Map<SurveyType, ScoreTally> tallies = emptyTallies(types);
      for (RollupPeriod part : covers.get(period)) {
        PeriodRollup rollup = read.get(part);
        if (rollup != null) {
          addCovered(query, rollup, tallies);
        }
      }
      tallies.forEach((type, tally) -> totals.merge(type, tally, ScoreTally::plus));
      if (query.granularity() != TrendGranularity.NONE) {
        trend.add(new ScoreSummary.Bucket(period.start(), period.end(), tallies));
      }
    }
    return new ScoreSummary(start, end, totals, trend);
  }

  /**
   * Rollup periods that together are exactly {@code period}: whole months, whole weeks that do
   * not take the first days of a whole month, and days; weeks and months only from
   * {@code coarseSince} on.
   */
  static List<RollupPeriod> cover(Period period, LocalDate coarseSince) {
    List<RollupPeriod> cover = new ArrayList<>();
    LocalDate day = period.start();
    while (!day.isAfter(period.end())) {
      RollupPeriod part = RollupPeriod.day(day);
      if (!day.isBefore(coarseSince)) {
        RollupPeriod month = RollupPeriod.monthOf(day);
        RollupPeriod week = RollupPeriod.weekOf(day);
        LocalDate nextMonth = month.end().plusDays(1);
        boolean weekReachesAWholeMonth = !nextMonth.isAfter(week.end())
            && !RollupPeriod.monthOf(nextMonth).end().isAfter(period.end());
        if (month.start().equals(day) && !month.end().isAfter(period.end())) {
          part = month;
        } else if (week.start().equals(day) && !week.end().isAfter(period.end()) && !weekReachesAWholeMonth) {
          part = week;
        }
      }
      cover.add(part);
      day = part.end().plusDays(1);
    }
    return cover;
  }

  private static void addCovered(ScoreQuery query, PeriodRollup rollup, Map<SurveyType, ScoreTally> tallies) {
    rollup.cells().forEach((cell, tally) -> {
      if (query.covers(cell)) {
        tallies.merge(cell.surveyType(), tally, ScoreTally::plus);
      }
    });
  }

  private static Map<SurveyType, ScoreTally> emptyTallies(Set<SurveyType> types) {
    Map<SurveyType, ScoreTally> tallies = new EnumMap<>(SurveyType.class);
    types.forEach(type -> tallies.put(type, ScoreTally.empty(type)));
    return tallies;
  }

  /** A run of days, both ends included. */
  record Period(LocalDate start, LocalDate end) {
  }

  /**
   * The calendar buckets covering the range, clipped to it, oldest first; one bucket for the
   * whole range without a granularity.
   */
  static List<Period> buckets(LocalDate start, LocalDate end, TrendGranularity granularity) {
    long expected = switch (granularity) {
      case NONE -> 1;
      case DAY -> ChronoUnit.DAYS.between(start, end) + 1;
      case WEEK -> ChronoUnit.WEEKS.between(start.with(DayOfWeek.MONDAY), end.with(DayOfWeek.MONDAY)) + 1;
      case MONTH -> ChronoUnit.MONTHS.between(start.withDayOfMonth(1), end.withDayOfMonth(1)) + 1;
    };
    if (expected > MAX_BUCKETS) {
      new Violations().add("TOO_MANY_BUCKETS", "granularity",
          "would give " + expected + " buckets; at most " + MAX_BUCKETS + " are allowed").throwIfAny();
    }
    List<Period> periods = new ArrayList<>();
    LocalDate bucketStart = start;
    while (!bucketStart.isAfter(end)) {
      LocalDate bucketEnd = switch (granularity) {
        case NONE -> end;
        case DAY -> bucketStart;
        case WEEK -> bucketStart.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        case MONTH -> bucketStart.with(TemporalAdjusters.lastDayOfMonth());
      };
      if (bucketEnd.isAfter(end)) {
        bucketEnd = end;
      }
      periods.add(new Period(bucketStart, bucketEnd));
      bucketStart = bucketEnd.plusDays(1);
    }
    return periods;
  }
}
