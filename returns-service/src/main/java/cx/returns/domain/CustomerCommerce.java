package cx.returns.domain;

import java.time.Instant;
import java.util.List;

/**
 * What an agent sees of a customer's commerce at a glance.
 *
 * @param returnsInProgress the customer's returns that are not final, newest first
 */
public record CustomerCommerce(CustomerSummaryCounts counts, List<ProductReturn> returnsInProgress,
    Instant computeTime) {

  public CustomerCommerce {
    returnsInProgress = List.copyOf(returnsInProgress);
  }

  /** Units returned per unit bought; 0 before any purchase. */
  public double returnRate() {
    return counts.unitsSold() == 0 ? 0 : (double) counts.unitsReturned() / counts.unitsSold();
  }
}
