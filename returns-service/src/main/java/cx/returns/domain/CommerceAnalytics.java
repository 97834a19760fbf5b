package cx.returns.domain;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the return-rate rollups and the customers' commerce summaries current as orders are
 * recorded and returns change. Every call hands over all the events the order or return stands
 * for as of now, and the stores count each event once, so calling again after a retry or a
 * crash repairs what was missed and never counts twice.
 */
public final class CommerceAnalytics {

  private final ReturnRateRollups rollups;
  private final CustomerSummaries summaries;
  private final ReturnStore returns;
  private final Clock clock;

  public CommerceAnalytics(ReturnRateRollups rollups, CustomerSummaries summaries, ReturnStore returns, Clock clock) {
    this.rollups = rollups;
    this.summaries = summaries;
    this.returns = returns;
    this.clock = clock;
  }

  /** Counts a recorded order: its units sold in the day rollup, its spend in the customer's summary. */
  public void orderRecorded(Order order) {
    rollups.count(ReturnRateEvents.cohortDay(order), ReturnRateEvents.forOrder(order));
    int units = order.lines().stream().mapToInt(OrderLine::quantity).sum();
    Money total = order.total();
    summaries.count(order.customerId(), Map.of("order:" + order.id(), List.of(
        new SummaryCount(SummaryMeasure.ORDERS, null, 1),
        new SummaryCount(SummaryMeasure.UNITS_SOLD, null, units),
        new SummaryCount(SummaryMeasure.GROSS_SPEND, total.currencyCode(), total.minorUnits()))), order.orderTime());
    summaries.listOrder(order.customerId(), order.id());
  }

  /** Counts a return as it is now, in the rollup of its order's day and in its customer's summary. */
  public void returnChanged(Order order, ProductReturn r) {
    Map<String, List<RateCount>> rateEvents = ReturnRateEvents.forReturn(order, r);
    rollups.count(ReturnRateEvents.cohortDay(order), rateEvents);
    Map<String, List<SummaryCount>> summaryEvents = new LinkedHashMap<>();
    rateEvents.forEach((eventId, counts) -> counts.stream()
        .filter(c -> c.measure() == RateMeasure.UNITS_RETURNED && c.reason() == null)
        .forEach(c -> summaryEvents.put(eventId, List.of(new SummaryCount(SummaryMeasure.UNITS_RETURNED, null,
            c.amount())))));
    Settlement settlement = r.settlement();
    if (settlement != null && settlement.resolution() != Resolution.EXCHANGE) {
      summaryEvents.put("return:" + r.id() + ":settled", List.of(new SummaryCount(SummaryMeasure.REFUNDED,
          settlement.amount().currencyCode(), settlement.amount().minorUnits())));
    }
    if (!summaryEvents.isEmpty()) {
      summaries.count(r.customerId(), summaryEvents, null);
    }
    summaries.trackReturn(r.customerId(), r.id(), !r.state().isFinal());
  }

  /** The customer's summary, with their returns in progress read by id. */
  public CustomerCommerce summary(String customerId) {
    CustomerSummaryCounts counts = summaries.find(customerId).orElse(CustomerSummaryCounts.empty(customerId));
    List<ProductReturn> inProgress = new ArrayList<>(returns.findAll(counts.returnsInProgress()).stream()
        .filter(r -> r.customerId().equals(customerId) && !r.state().isFinal())
        .toList());
    inProgress.sort(Comparator.comparing(ProductReturn::createTime).reversed().thenComparing(ProductReturn::id));
    return new CustomerCommerce(counts, inProgress, clock.instant().truncatedTo(ChronoUnit.MILLIS));
  }
}
