package cx.returns.domain;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The return-rate counts an order or a return contributes, as events with ids that never change.
 *
 * <p>A return's events are derived from its current state alone, unit by unit: requesting
 * {@code n} units of a line is one event, each received unit is one event ({@code returned:k}
 * for the k-th unit), and each received unit that a rejection after inspection sent back to
 * the customer is one more, negative, event. So the set of events only grows as the return
 * moves on, and handing all of them to {@link ReturnRateRollups#count} after every change, or
 * again after a crash, counts each exactly once.
 */
public final class ReturnRateEvents {

  private ReturnRateEvents() {
  }

  /** The UTC day of the order's cohort. */
  public static LocalDate cohortDay(Order order) {
    return order.orderTime().atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** An order's counts: one order in its channel and in each of its categories, and its units sold. */
  public static Map<String, List<RateCount>> forOrder(Order order) {
    List<RateCount> counts = new ArrayList<>();
    counts.add(new RateCount(order.channel(), null, null, RateMeasure.ORDERS, 1));
    Set<String> categories = new LinkedHashSet<>();
    for (OrderLine line : order.lines()) {
      categories.add(line.productCategory());
      counts.add(new RateCount(order.channel(), line.productCategory(), null, RateMeasure.UNITS_SOLD, line.quantity()));
    }
    categories.forEach(c -> counts.add(new RateCount(order.channel(), c, null, RateMeasure.ORDERS, 1)));
    return Map.of("order:" + order.id(), counts);
  }

  /** A return's counts as of its current state; see the class comment. */
  public static Map<String, List<RateCount>> forReturn(Order order, ProductReturn r) {
    Map<String, List<RateCount>> events = new LinkedHashMap<>();
    Channel channel = order.channel();
    boolean refusedAfterReceipt = r.state() == ReturnState.REJECTED;
    for (ReturnLine line : r.lines()) {
      String prefix = "return:" + r.id() + ":" + line.orderLineId() + ":";
      String category = line.productCategory();
      events.put(prefix + "requested", List.of(
          new RateCount(channel, category, null, RateMeasure.UNITS_REQUESTED, line.quantity()),
          new RateCount(channel, category, line.reason(), RateMeasure.UNITS_REQUESTED, line.quantity()),
          new RateCount(channel, category, line.reason(), RateMeasure.RETURNS, 1)));
      for (int unit = 1; unit <= line.receivedQuantity(); unit++) {
        events.put(prefix + "returned:" + unit, unitsReturned(channel, category, line.reason(), 1));
        if (refusedAfterReceipt) {
          events.put(prefix + "refused:" + unit, unitsReturned(channel, category, line.reason(), -1));
        }
      }
    }
    return events;
  }

  private static List<RateCount> unitsReturned(Channel channel, String category, ReturnReason reason, int units) {
    return List.of(new RateCount(channel, category, null, RateMeasure.UNITS_RETURNED, units),
        new RateCount(channel, category, reason, RateMeasure.UNITS_RETURNED, units));
  }
}
