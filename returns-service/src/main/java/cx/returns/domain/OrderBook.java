package cx.returns.domain;

import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/** Records purchases from the commerce system and finds them again. */
public final class OrderBook {

  /** How far in the future an order time may lie, for clocks that are slightly off. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private final OrderStore store;
  private final CommerceAnalytics analytics;
  private final ReturnTimeline timeline;
  private final Clock clock;

  public OrderBook(OrderStore store, CommerceAnalytics analytics, ReturnTimeline timeline, Clock clock) {
    this.store = store;
    this.analytics = analytics;
    this.timeline = timeline;
    this.clock = clock;
  }

  /**
   * Records an order and counts it in the analytics and the customer's timeline. Idempotent on the order id: recording the
   * same content again returns the stored order and counts nothing more.
   *
   * @throws AlreadyExistsException reason {@code ORDER_CONFLICT} if the id was recorded with
   *     other content or for another customer; nothing changes then
   * @throws InvalidArgumentException if the order time lies in the future
   */
  public RecordedOrder record(NewOrder request) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (request.orderTime().isAfter(now.plus(MAX_CLOCK_SKEW))) {
      throw InvalidArgumentException.of("order.order_time", "may not be in the future");
    }
    Optional<Order> existing = store.find(request.orderId());
    if (existing.isEmpty()) {
      Order order = new Order(request.orderId(), request.customerId(), request.channel(), request.orderTime(),
          request.lines(), now, ReturnClaims.NONE);
      if (store.insertIfAbsent(order)) {
        analytics.orderRecorded(order);
        timeline.orderPlaced(order);
        return new RecordedOrder(order, true);
      }
      existing = store.find(request.orderId());
    }
    Order stored = existing.orElseThrow(() -> new IllegalStateException("a stored order vanished"));
    if (!stored.sameContentAs(request)) {
      throw new AlreadyExistsException("ORDER_CONFLICT",
          "Order " + request.orderId() + " was already recorded with different content.",
          Map.of("orderId", request.orderId()));
    }
    // A retry: finishes the counting an interrupted recording may have missed.
    analytics.orderRecorded(stored);
    timeline.orderPlaced(stored);
    return new RecordedOrder(stored, false);
  }

  /**
   * The order with this id of this customer.
   *
   * @throws NotFoundException if there is none, or it belongs to another customer
   */
  public Order get(String customerId, String orderId) {
    return store.find(orderId)
        .filter(order -> order.customerId().equals(customerId))
        .orElseThrow(() -> new NotFoundException("customers/" + customerId + "/orders/" + orderId));
  }
}
