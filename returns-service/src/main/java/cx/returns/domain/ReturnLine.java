package cx.returns.domain;

import java.util.List;

/**
 * The units of one order line that a return sends back, and what became of them.
 *
 * @param productCategory copied from the order line
 * @param unitPrice copied from the order line
 * @param restockingFeeBasisPoints the fee rate the policy set at creation, kept so that
 *     settlement uses the same terms even if the policy changes
 * @param restockingFeePerUnit the fixed fee per unit the policy set at creation
 * @param restockingFee the fee for the requested units, after inspection for the accepted ones
 * @param receivedQuantity the units received so far, over all parcels
 * @param damagedQuantity of the received units, those that arrived damaged
 * @param acceptedQuantity the units inspection accepted for settlement
 * @param inspectedCondition null until the goods were inspected
 */
public record ReturnLine(String orderLineId, String sku, int quantity, ReturnReason reason, ItemCondition condition,
    String comment, List<String> evidenceUris, String productCategory, Money unitPrice,
    int restockingFeeBasisPoints, Money restockingFeePerUnit, Money restockingFee, int receivedQuantity,
    int damagedQuantity, int acceptedQuantity, ItemCondition inspectedCondition) {

  public ReturnLine {
    evidenceUris = List.copyOf(evidenceUris);
  }

  /** The value of the requested units, before fees. */
  public Money value() {
    return unitPrice.times(quantity);
  }

  /** What the customer paid for the accepted units. */
  public Money acceptedValue() {
    return unitPrice.times(acceptedQuantity);
  }

  /**
   * The restocking fee for {@code units} units on this line's terms: the rate of their price plus
   * the fixed fee per unit, never more than their price.
   */
  public Money feeFor(int units) {
    Money price = unitPrice.times(units);
    return price.percentage(restockingFeeBasisPoints).plus(restockingFeePerUnit.times(units)).atMost(price);
  }

  /** Whether units of this line are still expected. */
  public boolean awaitsUnits() {
    return receivedQuantity < quantity;
  }

  /** This line with the given fee terms, and the fee they make for the requested units. */
  public ReturnLine withFeeTerms(int basisPoints, Money perUnit) {
    ReturnLine withTerms = new ReturnLine(orderLineId, sku, quantity, reason, condition, comment, evidenceUris,
        productCategory, unitPrice, basisPoints, perUnit, restockingFee, receivedQuantity, damagedQuantity,
        acceptedQuantity, inspectedCondition);
    return withTerms.withFee(withTerms.feeFor(quantity));
  }

  /** This line after one more parcel brought {@code received} units, {@code damaged} of them damaged. */
  public ReturnLine withReceipt(int received, int damaged) {
    return new ReturnLine(orderLineId, sku, quantity, reason, condition, comment, evidenceUris, productCategory,
        unitPrice, restockingFeeBasisPoints, restockingFeePerUnit, restockingFee, receivedQuantity + received,
        damagedQuantity + damaged, acceptedQuantity, inspectedCondition);
  }

  /** This line as inspection found it; the fee now counts the accepted units only. */
  public ReturnLine withInspection(int accepted, ItemCondition found) {
    return new ReturnLine(orderLineId, sku, quantity, reason, condition, comment, evidenceUris, productCategory,
        unitPrice, restockingFeeBasisPoints, restockingFeePerUnit, feeFor(accepted), receivedQuantity,
        damagedQuantity, accepted, found);
  }

  /** This line without the customer's comment and photos. */
  public ReturnLine withoutPersonalData() {
    return new ReturnLine(orderLineId, sku, quantity, reason, condition, "", List.of(), productCategory, unitPrice,
        restockingFeeBasisPoints, restockingFeePerUnit, restockingFee, receivedQuantity, damagedQuantity,
        acceptedQuantity, inspectedCondition);
  }

  private ReturnLine withFee(Money fee) {
    return new ReturnLine(orderLineId, sku, quantity, reason, condition, comment, evidenceUris, productCategory,
        unitPrice, restockingFeeBasisPoints, restockingFeePerUnit, fee, receivedQuantity, damagedQuantity,
        acceptedQuantity, inspectedCondition);
  }
}
