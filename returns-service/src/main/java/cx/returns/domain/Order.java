package cx.returns.domain;

import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;
import java.util.List;

/**
 * A recorded purchase. Its content never changes after it was recorded; only {@link #claims},
 * the units its returns hold, moves.
 *
 * @param id the commerce system's order id, unique across customers
 * @param orderTime when the purchase was made; return windows count from it, to the second
 * @param createTime when this service first recorded it
 * @param claims the units of its lines that returns hold
 */
public record Order(String id, String customerId, Channel channel, Instant orderTime, List<OrderLine> lines,
    Instant createTime, ReturnClaims claims) {

  public Order {
    lines = List.copyOf(lines);
  }

  /** The order's resource name. */
  public String name() {
    return "customers/" + customerId + "/orders/" + id;
  }

  /** The currency every line of the order uses. */
  public String currencyCode() {
    return lines.get(0).unitPrice().currencyCode();
  }

  /** The amount paid for the whole order. */
  public Money total() {
    Money total = Money.zero(currencyCode());
    for (OrderLine line : lines) {
      total = total.plus(line.value());
    }
    return total;
  }

  /** Whether a new recording of this order says exactly what was recorded before. */
  public boolean sameContentAs(NewOrder other) {
    return customerId.equals(other.customerId()) && id.equals(other.orderId()) && channel == other.channel()
        && orderTime.equals(other.orderTime()) && lines.equals(other.lines());
  }

  /** The same order with other claims. */
  public Order withClaims(ReturnClaims newClaims) {
    return new Order(id, customerId, channel, orderTime, lines, createTime, newClaims);
  }

  /**
   * The line a return line names: by its id when given, otherwise the only line with the SKU.
   *
   * @param field the return line's path in the request, named in errors
   * @throws InvalidArgumentException reason {@code LINE_NOT_IN_ORDER} when no line matches, or
   *     {@code AMBIGUOUS_ORDER_LINE} when the SKU is on several lines and no id was given
   */
  public OrderLine matchLine(String orderLineId, String sku, String field) {
    if (!orderLineId.isEmpty()) {
      for (OrderLine line : lines) {
        if (line.lineId().equals(orderLineId)) {
          if (!line.sku().equals(sku)) {
            throw new InvalidArgumentException("LINE_NOT_IN_ORDER",
                List.of(new FieldViolation(field + ".sku", "does not match the SKU of order line " + orderLineId)));
          }
          return line;
        }
      }
      throw new InvalidArgumentException("LINE_NOT_IN_ORDER",
          List.of(new FieldViolation(field + ".order_line_id", "is not a line of the order")));
    }
    List<OrderLine> withSku = lines.stream().filter(l -> l.sku().equals(sku)).toList();
    if (withSku.isEmpty()) {
      throw new InvalidArgumentException("LINE_NOT_IN_ORDER",
          List.of(new FieldViolation(field + ".sku", "is not on any line of the order")));
    }
    if (withSku.size() > 1) {
      throw new InvalidArgumentException("AMBIGUOUS_ORDER_LINE",
          List.of(new FieldViolation(field + ".order_line_id", "is required because the SKU is on several order lines")));
    }
    return withSku.get(0);
  }

  /** The units of a line still returnable by a return other than {@code returnId}. */
  public int returnableQuantity(OrderLine line, String returnId) {
    return line.quantity() - claims.claimedQuantityExcept(line.lineId(), returnId);
  }
}
