package cx.returns.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Per-customer summary documents, read by the customer's id. */
public interface CustomerSummaries {

  /**
   * Adds the counts of every event not yet counted for the customer, each exactly once.
   *
   * @param orderTime the time of an order the events are about, kept as first or last order
   *     time when it is earlier or later; null when the events are not about an order
   */
  void count(String customerId, Map<String, List<SummaryCount>> countsByEvent, Instant orderTime);

  /**
   * Lists the order among the customer's orders, the most recently listed last; idempotent.
   * The customer's list of orders is a reference list read by key.
   */
  void listOrder(String customerId, String orderId);

  /**
   * Lists the return among the customer's returns and among every customer's returns, and
   * adds it to their returns in progress or removes it from them; idempotent.
   */
  void trackReturn(String customerId, String returnId, boolean inProgress);

  /** The ids of the customer's orders, in the order they were listed. */
  List<String> orderIds(String customerId);

  /** The ids of the customer's returns, in the order they were listed. */
  List<String> returnIds(String customerId);

  /**
   * The ids of every customer's returns, in the order they were first listed by
   * {@link #trackReturn}, read lazily by position; a position an interrupted listing left
   * empty reads as an empty string.
   */
  List<String> everyReturnId();

  Optional<CustomerSummaryCounts> find(String customerId);

  /** Removes the customer's summary and reference lists. */
  void forget(String customerId);
}
