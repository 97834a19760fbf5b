package cx.returns.domain;

/**
 * The outcome of recording an order.
 *
 * @param created true if this call recorded it, false if it was recorded before with the same
 *     content
 */
public record RecordedOrder(Order order, boolean created) {
}
