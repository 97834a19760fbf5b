package cx.returns.domain;

import java.util.List;

/**
 * One line of a return as the customer asks for it; checked by {@link NewReturn}.
 *
 * @param orderLineId empty when the SKU is on exactly one line of the order
 * @param reason null when the request gave none
 * @param condition null when the request gave none
 */
public record NewReturnLine(String orderLineId, String sku, int quantity, ReturnReason reason,
    ItemCondition condition, String comment, List<String> evidenceUris) {

  public NewReturnLine {
    evidenceUris = List.copyOf(evidenceUris);
  }
}
