package cx.returns.domain;

import java.util.List;

/**
 * The units of one order line that a return sends back, and what became of them.
 *
 * @param productCategory copied from the order line
 * @param unitPrice copied from the order line
 * @param restockingFeeBasisPoints the fee rate the policy applied at creation, kept so that
 *     settlement uses the same terms even if the policy changes
 * @param restockingFee the fee for the requested units, later for the accepted ones
 * @param inspectedCondition null until the goods were inspected
 */
public record ReturnLine(String orderLineId, String sku, int quantity, ReturnReason reason, ItemCondition condition,
    String comment, List<String> evidenceUris, String productCategory, Money unitPrice,
    int restockingFeeBasisPoints, Money restockingFee, int receivedQuantity, int damagedQuantity,
    int acceptedQuantity, ItemCondition inspectedCondition) {

  public ReturnLine {
    evidenceUris = List.copyOf(evidenceUris);
  }

  /** The value of the requested units, before fees. */
  public Money value() {
    return unitPrice.times(quantity);
  }
}
