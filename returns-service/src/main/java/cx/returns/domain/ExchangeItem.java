package cx.returns.domain;

/** A product sent to the customer in exchange for returned units. */
public record ExchangeItem(String sku, int quantity) {
}
