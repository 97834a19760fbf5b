package cx.returns.api;

import cx.returns.domain.NewOrder;
import cx.returns.domain.Order;
import cx.returns.domain.OrderLine;
import cx.returns.v1.RecordOrderRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies orders between the API's messages and the domain, field by field: only what the
 * commerce system may set is read, so the name, totals, returned quantities and times are
 * always the service's own.
 */
final class OrderMessages {

  private OrderMessages() {
  }

  static NewOrder toNewOrder(RecordOrderRequest request) {
    String customerId = ResourceNames.customerId(request.getParent(), "parent");
    cx.returns.v1.Order order = request.getOrder();
    Instant orderTime = order.hasOrderTime() ? ProtoValues.instant(order.getOrderTime(), "order.order_time") : null;
    List<OrderLine> lines = new ArrayList<>();
    for (cx.returns.v1.OrderLine line : order.getLinesList()) {
      lines.add(new OrderLine(line.getLineId(), line.getSku(), line.getProductCategory(), line.getQuantity(),
          line.hasUnitPrice() ? ProtoValues.money(line.getUnitPrice()) : null));
    }
    return new NewOrder(customerId, request.getOrderId(), ProtoValues.channel(order.getChannel(), "order.channel"),
        orderTime, lines);
  }

  static cx.returns.v1.Order toMessage(Order order) {
    cx.returns.v1.Order.Builder message = cx.returns.v1.Order.newBuilder()
        .setName(order.name())
        .setChannel(ProtoValues.channel(order.channel()))
        .setOrderTime(ProtoValues.timestamp(order.orderTime()))
        .setTotal(ProtoValues.money(order.total()))
        .setCreateTime(ProtoValues.timestamp(order.createTime()));
    for (OrderLine line : order.lines()) {
      message.addLines(cx.returns.v1.OrderLine.newBuilder()
          .setLineId(line.lineId())
          .setSku(line.sku())
          .setProductCategory(line.productCategory())
          .setQuantity(line.quantity())
          .setUnitPrice(ProtoValues.money(line.unitPrice()))
          .setReturnedQuantity(order.claims().claimedQuantity(line.lineId())));
    }
    return message.build();
  }
}
