package cx.returns.domain;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Takes return requests, lets the policy decide on them, and moves returns through their
 * lifecycle.
 *
 * <p>Creating a return is two writes without a transaction: the units are claimed on the order
 * ({@link ReturnableUnits}), then the return is stored under the id its request id reserved.
 * Both are idempotent, so a retry with the same id finishes an interrupted create. Every
 * transition is a compare-and-set on the return's version: of two concurrent transitions at
 * most one is applied to a version, and the other is checked again against the new state.
 */
public final class ReturnDesk {

  public static final int MAX_CUSTOMER_MESSAGE_LENGTH = 1_000;

  private static final int MAX_ATTEMPTS = 20;

  private final OrderStore orders;
  private final ReturnStore returns;
  private final ReturnableUnits units;
  private final Supplier<ReturnPolicy> policy;
  private final Clock clock;

  public ReturnDesk(OrderStore orders, ReturnStore returns, ReturnableUnits units, Supplier<ReturnPolicy> policy,
      Clock clock) {
    this.orders = orders;
    this.returns = returns;
    this.units = units;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Creates the return with the given id, or returns it if a create with this id stored it
   * already. It starts APPROVED when the policy approves it automatically, otherwise REQUESTED.
   *
   * @param returnId the id reserved for the request's idempotency key
   * @throws NotFoundException if the order does not exist or belongs to another customer
   * @throws InvalidArgumentException reason {@code LINE_NOT_IN_ORDER}, {@code AMBIGUOUS_ORDER_LINE}
   *     or {@code EVIDENCE_REQUIRED}
   * @throws cx.runtime.failure.FailedPreconditionException when the policy refuses the return
   */
  public ProductReturn create(String returnId, NewReturn request, Actor requester) {
    Optional<ProductReturn> existing = returns.find(returnId);
    if (existing.isPresent()) {
      return existing.get();
    }
    Instant now = now();
    Order order = orderOf(request);
    order = units.reconciledFor(order, matchLines(order, request.lines()), returnId, now);
    ProductReturn draft = draft(returnId, order, request, requester, now);
    if (!units.claim(order, returnId, draft.lines(), now)) {
      // The return was stored and has left since, so this is a late retry.
      return returns.find(returnId).orElseThrow(() -> new IllegalStateException("a released return vanished"));
    }
    returns.insertIfAbsent(draft);
    return returns.find(returnId).orElseThrow(() -> new IllegalStateException("a stored return vanished"));
  }

  /**
   * Shows what {@link #create} would create, with the policy's decision, and stores nothing.
   * The preview has no id.
   */
  public ProductReturn preview(NewReturn request, Actor requester) {
    Instant now = now();
    return draft("", orderOf(request), request, requester, now);
  }

  /**
   * The return with this id of this customer.
   *
   * @throws NotFoundException if there is none, or it belongs to another customer
   */
  public ProductReturn get(String customerId, String returnId) {
    return returns.find(returnId)
        .filter(r -> r.customerId().equals(customerId))
        .orElseThrow(() -> new NotFoundException("customers/" + customerId + "/returns/" + returnId));
  }

  /**
   * Approves a REQUESTED return; its label stays usable for the policy's label validity.
   *
   * @param expectedVersion the version the caller last read, or 0 not to check
   * @param shipment the return shipment when already known, or {@link Shipment#NONE}
   */
  public ProductReturn approve(String customerId, String returnId, long expectedVersion, String customerMessage,
      Shipment shipment, Actor actor) {
    checkCustomerMessage(customerMessage, false);
    Duration labelValidity = policy.get().labelValidity();
    return transition(customerId, returnId, expectedVersion, ReturnTransition.APPROVE, actor, customerMessage,
        approved -> approved.withApproval(approved.updateTime().plus(labelValidity), shipment));
  }

  /** Rejects a REQUESTED or INSPECTED return; the message tells the customer why. */
  public ProductReturn reject(String customerId, String returnId, long expectedVersion, String customerMessage,
      Actor actor) {
    checkCustomerMessage(customerMessage, true);
    return transition(customerId, returnId, expectedVersion, ReturnTransition.REJECT, actor, customerMessage,
        UnaryOperator.identity());
  }

  /** Withdraws a return before its goods are received; its units become returnable again. */
  public ProductReturn cancel(String customerId, String returnId, long expectedVersion, String customerMessage,
      Actor actor) {
    checkCustomerMessage(customerMessage, false);
    return transition(customerId, returnId, expectedVersion, ReturnTransition.CANCEL, actor, customerMessage,
        UnaryOperator.identity());
  }

  private ProductReturn transition(String customerId, String returnId, long expectedVersion,
      ReturnTransition transition, Actor actor, String customerMessage, UnaryOperator<ProductReturn> alsoChange) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      ProductReturn current = get(customerId, returnId);
      if (expectedVersion != 0 && current.version() != expectedVersion) {
        throw new ConcurrentUpdateException(current.name());
      }
      Optional<ReturnState> target = ReturnStateMachine.target(current.state(), transition, current.partialReceipt());
      if (target.isEmpty()) {
        if (current.state().releasesUnits()) {
          // Finishes a release an earlier transition may not have completed.
          units.release(current.orderId(), current.id());
        }
        throw ReturnStateMachine.invalidState(current.state(), transition);
      }
      ProductReturn next = alsoChange.apply(current.moveTo(target.get(), actor, now(), customerMessage));
      if (returns.replace(next, current.version())) {
        if (next.state().releasesUnits()) {
          units.release(next.orderId(), next.id());
        }
        return next;
      }
      if (expectedVersion != 0) {
        throw new ConcurrentUpdateException(current.name());
      }
    }
    throw new ConcurrentUpdateException("customers/" + customerId + "/returns/" + returnId);
  }

  private Order orderOf(NewReturn request) {
    return orders.find(request.orderId())
        .filter(order -> order.customerId().equals(request.customerId()))
        .orElseThrow(() -> new NotFoundException("customers/" + request.customerId() + "/orders/" + request.orderId()));
  }

  private ProductReturn draft(String returnId, Order order, NewReturn request, Actor requester, Instant now) {
    List<ReturnLine> lines = matchLines(order, request.lines());
    ReturnPolicy current = policy.get();
    ReturnDecision decision = current.decide(order, lines, returnId, now);
    Channel channel = request.channel() == null ? order.channel() : request.channel();
    List<StatusChange> history = new ArrayList<>();
    history.add(new StatusChange(ReturnState.REQUESTED, requester, now, StatusMessages.standard(ReturnState.REQUESTED)));
    boolean autoApproved = decision.outcome() == DecisionOutcome.AUTO_APPROVED;
    if (autoApproved) {
      history.add(new StatusChange(ReturnState.APPROVED, Actor.SYSTEM, now, StatusMessages.standard(ReturnState.APPROVED)));
    }
    // A new return is one write, so it starts at version 1 in whichever state it starts.
    return new ProductReturn(returnId, request.customerId(), order.id(), lines, request.preferredResolution(), channel,
        autoApproved ? ReturnState.APPROVED : ReturnState.REQUESTED, decision, history, Shipment.NONE,
        autoApproved ? now.plus(current.labelValidity()) : null, false,
        request.linkedCases().stream().map(c -> new LinkedCase(c.resource(), c.kind(), now)).toList(), 1, now, now);
  }

  private static List<ReturnLine> matchLines(Order order, List<NewReturnLine> requested) {
    List<ReturnLine> lines = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      NewReturnLine line = requested.get(i);
      String field = "product_return.lines[" + i + "]";
      OrderLine orderLine = order.matchLine(line.orderLineId(), line.sku(), field);
      if (!seen.add(orderLine.lineId())) {
        throw InvalidArgumentException.of(field + ".order_line_id", "names an order line an earlier line names");
      }
      Money noFee = Money.zero(orderLine.unitPrice().currencyCode());
      lines.add(new ReturnLine(orderLine.lineId(), line.sku(), line.quantity(), line.reason(), line.condition(),
          line.comment(), line.evidenceUris(), orderLine.productCategory(), orderLine.unitPrice(), 0, noFee, 0, 0, 0,
          null));
    }
    return lines;
  }

  private static void checkCustomerMessage(String message, boolean required) {
    List<FieldViolation> violations = new ArrayList<>();
    FreeText.check("customer_message", message, MAX_CUSTOMER_MESSAGE_LENGTH, required, violations);
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
  }

  private Instant now() {
    // The store keeps milliseconds; deciding on the same precision makes reads match writes.
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
