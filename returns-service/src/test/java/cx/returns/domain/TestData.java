package cx.returns.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test-data builders: a valid order, return line and policy, changed only where a test cares. */
final class TestData {

  static final Instant ORDER_TIME = Instant.parse("2026-03-01T12:00:00Z");

  private TestData() {
  }

  static OrderBuilder anOrder() {
    return new OrderBuilder();
  }

  static final class OrderBuilder {
    private String id = "order-1";
    private String customerId = "cust-1";
    private Channel channel = Channel.WEB;
    private Instant orderTime = ORDER_TIME;
    private final List<OrderLine> lines = new ArrayList<>();
    private ReturnClaims claims = ReturnClaims.NONE;

    OrderBuilder withId(String value) {
      this.id = value;
      return this;
    }

    OrderBuilder withChannel(Channel value) {
      this.channel = value;
      return this;
    }

    OrderBuilder withLine(String lineId, String sku, String category, int quantity, long unitPriceCents) {
      lines.add(new OrderLine(lineId, sku, category, quantity, new Money("EUR", unitPriceCents)));
      return this;
    }

    OrderBuilder withClaim(String returnId, String lineId, int quantity) {
      claims = claims.with(new ReturnClaim(returnId, ORDER_TIME, Map.of(lineId, quantity)));
      return this;
    }

    Order build() {
      List<OrderLine> all = lines.isEmpty()
          ? List.of(new OrderLine("1", "SKU-1", "electronics", 2, new Money("EUR", 2_500))) : lines;
      return new Order(id, customerId, channel, orderTime, all, ORDER_TIME, claims);
    }
  }

  static ReturnLine returnLine(Order order, String lineId, int quantity, ReturnReason reason, String... evidence) {
    OrderLine line = order.lines().stream().filter(l -> l.lineId().equals(lineId)).findFirst().orElseThrow();
    return new ReturnLine(lineId, line.sku(), quantity, reason, ItemCondition.UNOPENED, "", List.of(evidence),
        line.productCategory(), line.unitPrice(), 0, Money.zero("EUR"), Money.zero("EUR"), 0, 0, 0, null);
  }

  static ReturnPolicy policy() {
    return new ReturnPolicy(Duration.ofDays(30), List.of(new WindowRule("apparel", null, Duration.ofDays(60))),
        Set.of("gift-cards"), Map.of("EUR", 10_000L), Set.of(ReturnReason.DAMAGED), Duration.ofDays(14), 0);
  }

  static NewReturn newReturn(String orderId, NewReturnLine... lines) {
    return new NewReturn("cust-1", orderId, List.of(lines), Resolution.REFUND, null, List.of());
  }

  static NewReturnLine newLine(String lineId, String sku, int quantity) {
    return new NewReturnLine(lineId, sku, quantity, ReturnReason.CHANGED_MIND, ItemCondition.UNOPENED, "", List.of());
  }
}
