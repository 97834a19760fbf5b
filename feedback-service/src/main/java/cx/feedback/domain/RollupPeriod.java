package cx.feedback.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * A stretch of UTC days the score rollups count responses for: one day, one week (Monday to
 * Sunday), or one calendar month.
 *
 * @param start the first day: any day, a Monday, or the first of a month
 */
public record RollupPeriod(Length length, LocalDate start) {

  /** How long a period is. */
  public enum Length {
    DAY, WEEK, MONTH
  }

  public RollupPeriod {
    if (length == Length.WEEK && start.getDayOfWeek() != DayOfWeek.MONDAY
        || length == Length.MONTH && start.getDayOfMonth() != 1) {
      throw new IllegalArgumentException(length + " rollups start on a Monday or the first of a month: " + start);
    }
  }

  public static RollupPeriod day(LocalDate day) {
    return new RollupPeriod(Length.DAY, day);
  }

  /** The week a day is in. */
  public static RollupPeriod weekOf(LocalDate day) {
    return new RollupPeriod(Length.WEEK, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
  }

  /** The month a day is in. */
  public static RollupPeriod monthOf(LocalDate day) {
    return new RollupPeriod(Length.MONTH, day.withDayOfMonth(1));
  }

  /** The last day, included. */
  public LocalDate end() {
    return switch (length) {
      case DAY -> start;
      case WEEK -> start.plusDays(6);
      case MONTH -> start.with(TemporalAdjusters.lastDayOfMonth());
    };
  }
}
