package cx.returns.domain;

import cx.runtime.failure.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Return rates by the cohort of orders placed in a period: units returned (received and kept)
 * over units sold, counted for the orders placed in the period whenever their returns happened.
 * Everything is read from the day rollups, never computed from orders or returns.
 *
 * <p>The period is whole UTC days: from the day of its start to the day of its end, that day
 * included unless the end is exactly midnight.
 */
public final class ReturnRates {

  /** The longest period a query may cover. */
  public static final Duration MAX_PERIOD = Duration.ofDays(3_660);

  private static final Comparator<Row> ROW_ORDER = Comparator
      .comparing((Row r) -> r.channel() == null ? -1 : r.channel().ordinal())
      .thenComparing(r -> r.productCategory() == null ? "" : r.productCategory())
      .thenComparing(r -> r.reason() == null ? -1 : r.reason().ordinal());

  private final ReturnRateRollups rollups;

  public ReturnRates(ReturnRateRollups rollups) {
    this.rollups = rollups;
  }

  /** The dimensions a rate can be broken down by. */
  public enum Dimension {
    CHANNEL, PRODUCT_CATEGORY, REASON
  }

  /**
   * A question about return rates.
   *
   * @param channels only orders of these channels; empty for all
   * @param productCategories only lines of these categories; empty for all
   */
  public record Query(Instant start, Instant end, Set<Dimension> groupBy, Set<Channel> channels,
      Set<String> productCategories) {

    public Query {
      groupBy = Set.copyOf(groupBy);
      channels = Set.copyOf(channels);
      productCategories = Set.copyOf(productCategories);
    }
  }

  /**
   * One row of a report; a null dimension is not broken down by. In rows broken down by
   * category, and everywhere under a category filter, an order with lines of several of the
   * categories counts once for each.
   */
  public record Row(Channel channel, String productCategory, ReturnReason reason, long orderCount, long unitsSold,
      long unitsRequested, long unitsReturned) {

    /** Units returned per unit sold; 0 when nothing was sold. */
    public double returnRate() {
      return unitsSold == 0 ? 0 : (double) unitsReturned / unitsSold;
    }
  }

  /** The total of the period and its rows, in channel, category and reason order. */
  public record Report(Row total, List<Row> rows) {
  }

  /** How much one reason accounts for. */
  public record ReasonShare(ReturnReason reason, long unitsRequested, long unitsReturned, long returnCount,
      double share) {
  }

  /** The reasons, most units returned first, and the units returned in all. */
  public record ReasonReport(List<ReasonShare> reasons, long unitsReturned) {
  }

  /**
   * The return rate of the orders placed in the query's period, in total and broken down as
   * asked.
   *
   * @throws InvalidArgumentException when the period is empty, reversed or too long
   */
  public Report rate(Query query) {
    boolean byChannel = query.groupBy().contains(Dimension.CHANNEL);
    boolean byCategory = query.groupBy().contains(Dimension.PRODUCT_CATEGORY);
    boolean byReason = query.groupBy().contains(Dimension.REASON);
    // Orders are counted once per order in its channel, unless categories split or narrow them.
    boolean groupOrdersPerCategory = byCategory || !query.productCategories().isEmpty();
    boolean totalOrdersPerCategory = !query.productCategories().isEmpty();

    Map<Group, long[]> groups = new HashMap<>();
    Map<ReasonGroup, long[]> reasonGroups = new HashMap<>();
    long[] total = new long[4];
    for (RateCount count : read(query)) {
      int slot = slot(count.measure());
      if (slot < 0 || !selected(query, count)) {
        continue;
      }
      boolean cell = count.productCategory() != null;
      boolean orders = count.measure() == RateMeasure.ORDERS;
      Group group = new Group(byChannel ? count.channel() : null, byCategory ? count.productCategory() : null);
      if (count.reason() == null) {
        if (!orders || cell == totalOrdersPerCategory) {
          total[slot] += count.amount();
        }
        if (!orders || cell == groupOrdersPerCategory) {
          groups.computeIfAbsent(group, g -> new long[4])[slot] += count.amount();
        }
      } else if (byReason) {
        reasonGroups.computeIfAbsent(new ReasonGroup(group, count.reason()), g -> new long[4])[slot] += count.amount();
      }
    }
    List<Row> rows = new ArrayList<>();
    if (byReason) {
      reasonGroups.forEach((key, counts) -> {
        long[] base = groups.getOrDefault(key.group(), new long[4]);
        rows.add(new Row(key.group().channel(), key.group().productCategory(), key.reason(), base[0], base[1],
            counts[2], counts[3]));
      });
    } else if (!query.groupBy().isEmpty()) {
      groups.forEach((key, counts) -> rows.add(new Row(key.channel(), key.productCategory(), null, counts[0], counts[1],
          counts[2], counts[3])));
    }
    rows.sort(ROW_ORDER);
    return new Report(new Row(null, null, null, total[0], total[1], total[2], total[3]), rows);
  }

  /**
   * The reasons of the returns of orders placed in the query's period, most units returned
   * first (then most units requested); a reason's share is its part of the units returned.
   */
  public ReasonReport topReasons(Query query) {
    Map<ReturnReason, long[]> byReason = new EnumMap<>(ReturnReason.class);
    for (RateCount count : read(query)) {
      if (count.reason() == null || !selected(query, count)) {
        continue;
      }
      long[] sums = byReason.computeIfAbsent(count.reason(), r -> new long[3]);
      switch (count.measure()) {
        case UNITS_REQUESTED -> sums[0] += count.amount();
        case UNITS_RETURNED -> sums[1] += count.amount();
        case RETURNS -> sums[2] += count.amount();
        default -> {
        }
      }
    }
    long returned = byReason.values().stream().mapToLong(s -> s[1]).sum();
    List<ReasonShare> shares = new ArrayList<>();
    byReason.forEach((reason, s) -> shares.add(
        new ReasonShare(reason, s[0], s[1], s[2], returned == 0 ? 0 : (double) s[1] / returned)));
    shares.sort(Comparator.comparingLong(ReasonShare::unitsReturned).reversed()
        .thenComparing(Comparator.comparingLong(ReasonShare::unitsRequested).reversed())
        .thenComparing(ReasonShare::reason));
    return new ReasonReport(shares, returned);
  }

  private record Group(Channel channel, String productCategory) {
  }

  private record ReasonGroup(Group group, ReturnReason reason) {
  }

  private static boolean selected(Query query, RateCount count) {
    return count.channel() != null
        && (query.channels().isEmpty() || query.channels().contains(count.channel()))
        && (count.productCategory() == null || query.productCategories().isEmpty()
            || query.productCategories().contains(count.productCategory()));
  }

  private static int slot(RateMeasure measure) {
    return switch (measure) {
      case ORDERS -> 0;
      case UNITS_SOLD -> 1;
      case UNITS_REQUESTED -> 2;
      case UNITS_RETURNED -> 3;
      case RETURNS -> -1;
    };
  }

  private List<RateCount> read(Query query) {
    if (!query.start().isBefore(query.end())) {
      throw InvalidArgumentException.of("end_time", "must be after start_time");
    }
    if (Duration.between(query.start(), query.end()).compareTo(MAX_PERIOD) > 0) {
      throw InvalidArgumentException.of("end_time", "must be at most " + MAX_PERIOD.toDays() + " days after start_time");
    }
    LocalDate from = query.start().atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate lastOrEnd = query.end().atZone(ZoneOffset.UTC).toLocalDate();
    boolean endsAtMidnight = query.end().atZone(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
    return rollups.read(from, endsAtMidnight ? lastOrEnd : lastOrEnd.plusDays(1));
  }
}
