package cx.returns.domain;

import static cx.returns.domain.TestData.ORDER_TIME;
import static cx.returns.domain.TestData.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReturnRateEventsTest {

  private final Order order = anOrder().withLine("1", "CUP", "kitchen", 3, 500).build();

  private ProductReturn returnOf(int received, ReturnState state) {
    ReturnLine line = TestData.returnLine(order, "1", 2, ReturnReason.WRONG_SIZE).withReceipt(received, 0);
    return new ProductReturn("r1", "cust-1", order.id(), List.of(line), Resolution.REFUND, Channel.WEB, state,
        null, List.of(), Shipment.NONE, null, false, null, List.of(), 1, ORDER_TIME, ORDER_TIME);
  }

  private static long sum(Map<String, List<RateCount>> events, RateMeasure measure) {
    return events.values().stream().flatMap(List::stream)
        .filter(c -> c.measure() == measure && c.reason() == null).mapToLong(RateCount::amount).sum();
  }

  @Test
  void anOrderCountsOnceInItsChannelAndEachCategoryOnItsUtcDay() {
    Order late = new Order("o2", "c", Channel.MOBILE_APP, Instant.parse("2026-03-01T23:59:59Z"), List.of(
        new OrderLine("1", "A", "kitchen", 2, new Money("EUR", 1)), new OrderLine("2", "B", "toys", 1,
            new Money("EUR", 1))), ORDER_TIME, ReturnClaims.NONE);

    Map<String, List<RateCount>> events = ReturnRateEvents.forOrder(late);

    assertThat(ReturnRateEvents.cohortDay(late)).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(events.keySet()).containsExactly("order:o2");
    assertThat(events.get("order:o2")).filteredOn(c -> c.measure() == RateMeasure.ORDERS)
        .extracting(RateCount::productCategory).containsExactlyInAnyOrder(null, "kitchen", "toys");
    assertThat(sum(events, RateMeasure.UNITS_SOLD)).isEqualTo(3);
  }

  @Test
  void aReturnsEventsOnlyGrowAsItMovesOnSoEarlierOnesAreNeverCountedAgain() {
    Set<String> requested = ReturnRateEvents.forReturn(order, returnOf(0, ReturnState.APPROVED)).keySet();
    Set<String> partlyReceived = ReturnRateEvents.forReturn(order, returnOf(1, ReturnState.RECEIVED)).keySet();
    Map<String, List<RateCount>> received = ReturnRateEvents.forReturn(order, returnOf(2, ReturnState.RECEIVED));

    assertThat(partlyReceived).containsAll(requested);
    assertThat(received.keySet()).containsAll(partlyReceived);
    assertThat(sum(received, RateMeasure.UNITS_REQUESTED)).isEqualTo(2);
    assertThat(sum(received, RateMeasure.UNITS_RETURNED)).isEqualTo(2);
  }

  @Test
  void unitsRefusedAfterReceiptAreTakenOutOfTheReturnedUnitsAgain() {
    Map<String, List<RateCount>> received = ReturnRateEvents.forReturn(order, returnOf(2, ReturnState.INSPECTED));
    Map<String, List<RateCount>> refused = ReturnRateEvents.forReturn(order, returnOf(2, ReturnState.REJECTED));

    assertThat(refused.keySet()).containsAll(received.keySet());
    assertThat(sum(refused, RateMeasure.UNITS_RETURNED)).isZero();
    assertThat(refused.values().stream().flatMap(List::stream)
        .filter(c -> c.measure() == RateMeasure.UNITS_RETURNED && c.reason() == ReturnReason.WRONG_SIZE)
        .mapToLong(RateCount::amount).sum()).isZero();
  }
}
