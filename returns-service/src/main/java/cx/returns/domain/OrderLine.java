package cx.returns.domain;

/**
 * One line of an order: a quantity of one product at the price actually paid per unit.
 *
 * @param lineId unique within the order; return lines refer to it
 */
public record OrderLine(String lineId, String sku, String productCategory, int quantity, Money unitPrice) {

  /** What the customer paid for the whole line. */
  public Money value() {
    return unitPrice.times(quantity);
  }
}
