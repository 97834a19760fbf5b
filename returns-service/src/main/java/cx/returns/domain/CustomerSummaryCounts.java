package cx.returns.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The counters kept for one customer as their orders and returns change.
 *
 * @param grossSpend by currency code, in minor units
 * @param refunded by currency code, in minor units: refunds and store credit
 * @param returnsInProgress the ids of the customer's returns that are not final yet
 */
public record CustomerSummaryCounts(String customerId, long orderCount, long unitsSold, long unitsReturned,
    Map<String, Long> grossSpend, Map<String, Long> refunded, Instant firstOrderTime, Instant lastOrderTime,
    List<String> returnsInProgress) {

  public CustomerSummaryCounts {
    grossSpend = Map.copyOf(grossSpend);
    refunded = Map.copyOf(refunded);
    returnsInProgress = List.copyOf(returnsInProgress);
  }

  /** A customer without any order. */
  public static CustomerSummaryCounts empty(String customerId) {
    return new CustomerSummaryCounts(customerId, 0, 0, 0, Map.of(), Map.of(), null, null, List.of());
  }
}
