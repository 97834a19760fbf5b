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
 * transition goes through {@link ReturnTransitions}: a compare-and-set on the return's version,
 * after expiring a return whose label ran out.
 */
public final class ReturnDesk {

  public static final int MAX_CUSTOMER_MESSAGE_LENGTH = 1_000;

  /** The most units one line of a parcel or an exchange may name. */
  public static final int MAX_UNITS_PER_LINE = 100_000;

  private static final int MAX_REFERENCE_LENGTH = 128;
  private static final int MAX_LINK_ATTEMPTS = 20;
  private static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(5);
  private static final String PARTIAL_RECEIPT_MESSAGE =
      "We have received part of your return and are waiting for the rest.";

  private final OrderStore orders;
  private final ReturnStore returns;
  private final ReturnableUnits units;
  private final Supplier<ReturnPolicy> policy;
  private final CommerceAnalytics analytics;
  private final ReturnTimeline timeline;
  private final ReturnTransitions transitions;

  public ReturnDesk(OrderStore orders, ReturnStore returns, ReturnableUnits units, Supplier<ReturnPolicy> policy,
      CommerceAnalytics analytics, ReturnTimeline timeline, Clock clock) {
    this.orders = orders;
    this.returns = returns;
    this.units = units;
    this.policy = policy;
    this.analytics = analytics;
    this.timeline = timeline;
    this.transitions = new ReturnTransitions(returns, units, clock, changed -> record(changed, false));
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
      // A retry: finishes the counting and recording an interrupted create may have missed.
      record(existing.get(), true);
      return existing.get();
    }
    Instant now = transitions.now();
    Order order = orderOf(request);
    order = units.reconciledFor(order, matchLines(order, request.lines()), returnId, now);
    ProductReturn draft = draft(returnId, order, request, requester, now);
    if (!units.claim(order, returnId, draft.lines(), now)) {
      // The return was stored and has left since, so this is a late retry.
      return returns.find(returnId).orElseThrow(() -> new IllegalStateException("a released return vanished"));
    }
    returns.insertIfAbsent(draft);
    ProductReturn stored = returns.find(returnId).orElseThrow(() -> new IllegalStateException("a stored return vanished"));
    // The order just read serves the counts: they use only what never changes on it.
    record(stored, Optional.of(order), false);
    return stored;
  }

  /**
   * Shows what {@link #create} would create, with the policy's decision, and stores nothing.
   * The preview has no id.
   */
  public ProductReturn preview(NewReturn request, Actor requester) {
    Instant now = transitions.now();
    return draft("", orderOf(request), request, requester, now);
  }

  /**
   * The return with this id of this customer, expired first if its label went unused too long.
   *
   * @throws NotFoundException if there is none, or it belongs to another customer
   */
  public ProductReturn get(String customerId, String returnId) {
    return transitions.current(customerId, returnId);
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
    return transitions.apply(customerId, returnId, expectedVersion, ReturnTransition.APPROVE, actor, customerMessage,
        approved -> approved.withApproval(approved.updateTime().plus(labelValidity), shipment));
  }

  /** Rejects a REQUESTED or INSPECTED return; the message tells the customer why. */
  public ProductReturn reject(String customerId, String returnId, long expectedVersion, String customerMessage,
      Actor actor) {
    checkCustomerMessage(customerMessage, true);
    return transitions.apply(customerId, returnId, expectedVersion, ReturnTransition.REJECT, actor, customerMessage,
        UnaryOperator.identity());
  }

  /** Withdraws a return before its goods are received; its units become returnable again. */
  public ProductReturn cancel(String customerId, String returnId, long expectedVersion, String customerMessage,
      Actor actor) {
    checkCustomerMessage(customerMessage, false);
    return transitions.apply(customerId, returnId, expectedVersion, ReturnTransition.CANCEL, actor, customerMessage,
        UnaryOperator.identity());
  }

  /**
   * Records that an APPROVED return's parcel is with the carrier. The carrier and tracking
   * number, when given, replace those of the approval; its label can no longer expire.
   *
   * @param shipTime when the carrier took the parcel, or null for now; not in the future and not
   *     before the return was created
   */
  public ProductReturn markInTransit(String customerId, String returnId, long expectedVersion, String customerMessage,
      String carrier, String trackingNumber, Instant shipTime, Actor actor) {
    checkCustomerMessage(customerMessage, false);
    Shipment given = Shipment.fromCaller(carrier, trackingNumber, "", "");
    Instant now = transitions.now();
    if (shipTime != null && shipTime.isAfter(now.plus(ALLOWED_CLOCK_SKEW))) {
      throw InvalidArgumentException.of("ship_time", "must not be in the future");
    }
    return transitions.apply(customerId, returnId, expectedVersion, ReturnTransition.MARK_IN_TRANSIT, actor,
        customerMessage, moved -> {
          Instant shipped = shipTime == null ? moved.updateTime() : shipTime.truncatedTo(ChronoUnit.MILLIS);
          if (shipped.isBefore(moved.createTime())) {
            throw InvalidArgumentException.of("ship_time", "must not be before the return was requested");
          }
          Shipment old = moved.shipment();
          return moved.withShipment(new Shipment(given.carrier().isEmpty() ? old.carrier() : given.carrier(),
              given.trackingNumber().isEmpty() ? old.trackingNumber() : given.trackingNumber(), old.labelUri(),
              shipped));
        });
  }

  /**
   * Records one parcel of an IN_TRANSIT return, or a further parcel of a partially RECEIVED one:
   * per line, the units that arrived and how many of them are damaged. Parcels add up; while any
   * line still awaits units the receipt is partial, and another parcel may follow.
   *
   * @throws InvalidArgumentException when a line is not in the return, named twice, or would
   *     bring more units than were requested, or when the parcel holds nothing
   */
  public ProductReturn receive(String customerId, String returnId, long expectedVersion, String customerMessage,
      List<ReceivedUnits> parcel, Actor actor) {
    checkCustomerMessage(customerMessage, false);
    checkReceipt(parcel);
    return transitions.apply(customerId, returnId, expectedVersion, ReturnTransition.RECEIVE, actor, customerMessage,
        moved -> {
          List<ReturnLine> lines = new ArrayList<>(moved.lines());
          for (int i = 0; i < parcel.size(); i++) {
            ReceivedUnits units = parcel.get(i);
            int index = lineIndex(lines, units.orderLineId(), "lines[" + i + "].order_line_id");
            ReturnLine line = lines.get(index);
            if (line.receivedQuantity() + units.receivedQuantity() > line.quantity()) {
              throw InvalidArgumentException.of("lines[" + i + "].received_quantity", "would make "
                  + (line.receivedQuantity() + units.receivedQuantity()) + " units received, but only "
                  + line.quantity() + " were returned on this line");
            }
            lines.set(index, line.withReceipt(units.receivedQuantity(), units.damagedQuantity()));
          }
          ProductReturn received = moved.withLines(lines);
          return received.partialReceipt() && customerMessage.isBlank()
              ? withLastMessage(received, PARTIAL_RECEIPT_MESSAGE) : received;
        });
  }

  /**
   * Records the inspection of a fully or partially RECEIVED return: per line, the units accepted
   * for settlement and the condition found. Lines not named accept nothing. The restocking fee
   * then counts the accepted units only, on the terms decided at creation.
   */
  public ProductReturn inspect(String customerId, String returnId, long expectedVersion, String customerMessage,
      List<InspectedUnits> findings, Actor actor) {
    checkCustomerMessage(customerMessage, false);
    checkFindings(findings);
    return transitions.apply(customerId, returnId, expectedVersion, ReturnTransition.INSPECT, actor, customerMessage,
        moved -> {
          List<ReturnLine> lines = new ArrayList<>(moved.lines());
          Set<Integer> inspected = new HashSet<>();
          for (int i = 0; i < findings.size(); i++) {
            InspectedUnits finding = findings.get(i);
            int index = lineIndex(lines, finding.orderLineId(), "lines[" + i + "].order_line_id");
            ReturnLine line = lines.get(index);
            if (finding.acceptedQuantity() > line.receivedQuantity()) {
              throw InvalidArgumentException.of("lines[" + i + "].accepted_quantity",
                  "must be at most " + line.receivedQuantity() + ", the units received on this line");
            }
            inspected.add(index);
            lines.set(index, line.withInspection(finding.acceptedQuantity(), finding.condition()));
          }
          for (int i = 0; i < lines.size(); i++) {
            if (!inspected.contains(i)) {
              lines.set(i, lines.get(i).withInspection(0, lines.get(i).condition()));
            }
          }
          return moved.withLines(lines);
        });
  }

  /**
   * Refunds an INSPECTED return to the original payment: by default what was paid for the
   * accepted units minus their restocking fees; see {@link Settlement#of} for the rules.
   *
   * @param amount the amount to refund, or null for the amount due
   * @param paymentReference the payment the refund was made with; may be empty
   */
  public ProductReturn refund(String customerId, String returnId, long expectedVersion, String customerMessage,
      Money amount, String paymentReference, Actor actor) {
    return settle(customerId, returnId, expectedVersion, customerMessage, ReturnTransition.REFUND, Resolution.REFUND,
        amount, paymentReference, "payment_reference", List.of(), actor);
  }

  /** Settles an INSPECTED return with store credit, on the same rules as a refund. */
  public ProductReturn issueCredit(String customerId, String returnId, long expectedVersion, String customerMessage,
      Money amount, String creditReference, Actor actor) {
    return settle(customerId, returnId, expectedVersion, customerMessage, ReturnTransition.ISSUE_CREDIT,
        Resolution.STORE_CREDIT, amount, creditReference, "credit_reference", List.of(), actor);
  }

  /**
   * Settles an INSPECTED return by sending replacements; the settlement's amount is the value
   * of the accepted units put towards them.
   *
   * @param replacementOrderId the order the replacements ship with; may be empty
   */
  public ProductReturn exchange(String customerId, String returnId, long expectedVersion, String customerMessage,
      List<ExchangeItem> items, String replacementOrderId, Actor actor) {
    checkExchangeItems(items);
    return settle(customerId, returnId, expectedVersion, customerMessage, ReturnTransition.EXCHANGE,
        Resolution.EXCHANGE, null, replacementOrderId, "replacement_order_id", items, actor);
  }

  /**
   * Links a complaint or survey response of the same customer to the return, in any state.
   * Linking a case that is linked already changes nothing.
   *
   * @throws InvalidArgumentException reason {@code CASE_CUSTOMER_MISMATCH} for another
   *     customer's case, or when the return holds the most linked cases already
   */
  public ProductReturn link(String customerId, String returnId, long expectedVersion, LinkedCase linked,
      Actor actor) {
    FieldViolation formViolation = linked.formViolation("linked_case");
    if (formViolation != null) {
      throw new InvalidArgumentException(List.of(formViolation));
    }
    if (!linked.belongsTo(customerId)) {
      throw new InvalidArgumentException("CASE_CUSTOMER_MISMATCH",
          List.of(new FieldViolation("linked_case.resource", "belongs to another customer")));
    }
    for (int attempt = 0; attempt < MAX_LINK_ATTEMPTS; attempt++) {
      ProductReturn current = transitions.current(customerId, returnId);
      if (expectedVersion != 0 && current.version() != expectedVersion) {
        throw new ConcurrentUpdateException(current.name(), current.version());
      }
      if (current.linkedCases().stream().anyMatch(c -> c.resource().equals(linked.resource()))) {
        return current;
      }
      if (current.linkedCases().size() >= NewReturn.MAX_LINKED_CASES) {
        throw InvalidArgumentException.of("linked_case", "cannot be added: the return has "
            + NewReturn.MAX_LINKED_CASES + " linked cases already");
      }
      Instant now = transitions.now();
      LinkedCase stamped = new LinkedCase(linked.resource(), linked.kind(), now);
      ProductReturn next = current.withLinkedCase(stamped, now);
      if (returns.replace(next, current.version())) {
        timeline.caseLinked(next, stamped);
        return next;
      }
    }
    throw new ConcurrentUpdateException("customers/" + customerId + "/returns/" + returnId);
  }

  /**
   * Expires up to {@code limit} approved returns whose label went unused past its expiry. Safe
   * to run anywhere, any number of times, concurrently with reads that expire the same returns.
   *
   * @return how many returns were found overdue
   */
  public int expireOverdue(int limit) {
    List<ProductReturn> overdue = returns.findApprovedWithLabelExpiredBefore(transitions.now(), limit);
    overdue.forEach(transitions::expire);
    return overdue.size();
  }

  private ProductReturn settle(String customerId, String returnId, long expectedVersion, String customerMessage,
      ReturnTransition transition, Resolution resolution, Money amount, String reference, String referenceField,
      List<ExchangeItem> items, Actor actor) {
    checkCustomerMessage(customerMessage, false);
    List<FieldViolation> violations = new ArrayList<>();
    FreeText.check(referenceField, reference, MAX_REFERENCE_LENGTH, false, violations);
    if (amount != null && amount.minorUnits() < 0) {
      violations.add(new FieldViolation("amount.minor_units", "must not be negative"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
    return transitions.apply(customerId, returnId, expectedVersion, transition, actor, customerMessage,
        moved -> moved.withSettlement(Settlement.of(moved, resolution, amount, reference.strip(), items,
            moved.updateTime())));
  }

  private Order orderOf(NewReturn request) {
    return orders.find(request.orderId())
        .filter(order -> order.customerId().equals(request.customerId()))
        .orElseThrow(() -> new NotFoundException("customers/" + request.customerId() + "/orders/" + request.orderId()));
  }

  private ProductReturn draft(String returnId, Order order, NewReturn request, Actor requester, Instant now) {
    ReturnPolicy current = policy.get();
    List<ReturnLine> lines = current.withRestockingFees(matchLines(order, request.lines()), order.channel());
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
        autoApproved ? now.plus(current.labelValidity()) : null, false, null,
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
          line.comment(), line.evidenceUris(), orderLine.productCategory(), orderLine.unitPrice(), 0, noFee, noFee, 0,
          0, 0, null));
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

  /** Counts the return in the analytics and writes its timeline; both are idempotent. */
  private void record(ProductReturn r, boolean wholeHistory) {
    record(r, orders.find(r.orderId()), wholeHistory);
  }

  /** Counts the return's change against its order, if the order is there, and puts it on the timeline. */
  private void record(ProductReturn r, Optional<Order> order, boolean wholeHistory) {
    order.ifPresent(o -> analytics.returnChanged(o, r));
    timeline.returnChanged(r, wholeHistory);
  }

  private static int lineIndex(List<ReturnLine> lines, String orderLineId, String field) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).orderLineId().equals(orderLineId)) {
        return i;
      }
    }
    throw InvalidArgumentException.of(field, "is not a line of this return");
  }

  private static void checkReceipt(List<ReceivedUnits> parcel) {
    List<FieldViolation> violations = new ArrayList<>();
    checkLineIds(parcel.stream().map(ReceivedUnits::orderLineId).toList(), violations);
    int total = 0;
    for (int i = 0; i < parcel.size(); i++) {
      ReceivedUnits units = parcel.get(i);
      String field = "lines[" + i + "]";
      if (units.receivedQuantity() < 0 || units.receivedQuantity() > MAX_UNITS_PER_LINE) {
        violations.add(new FieldViolation(field + ".received_quantity", "must be 0 to " + MAX_UNITS_PER_LINE));
      } else if (units.damagedQuantity() < 0 || units.damagedQuantity() > units.receivedQuantity()) {
        violations.add(new FieldViolation(field + ".damaged_quantity", "must be 0 to the received quantity"));
      } else {
        total += units.receivedQuantity();
      }
    }
    if (violations.isEmpty() && total == 0) {
      violations.add(new FieldViolation("lines", "must receive at least one unit"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
  }

  private static void checkFindings(List<InspectedUnits> findings) {
    List<FieldViolation> violations = new ArrayList<>();
    checkLineIds(findings.stream().map(InspectedUnits::orderLineId).toList(), violations);
    for (int i = 0; i < findings.size(); i++) {
      InspectedUnits finding = findings.get(i);
      if (finding.acceptedQuantity() < 0) {
        violations.add(new FieldViolation("lines[" + i + "].accepted_quantity", "must not be negative"));
      }
      if (finding.condition() == null) {
        violations.add(new FieldViolation("lines[" + i + "].condition", "is required"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
  }

  private static void checkLineIds(List<String> orderLineIds, List<FieldViolation> violations) {
    if (orderLineIds.isEmpty()) {
      violations.add(new FieldViolation("lines", "is required"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < orderLineIds.size(); i++) {
      String id = orderLineIds.get(i);
      if (id.isEmpty()) {
        violations.add(new FieldViolation("lines[" + i + "].order_line_id", "is required"));
      } else if (!seen.add(id)) {
        violations.add(new FieldViolation("lines[" + i + "].order_line_id", "names a line an earlier line names"));
      }
    }
  }

  private static void checkExchangeItems(List<ExchangeItem> items) {
    List<FieldViolation> violations = new ArrayList<>();
    if (items.isEmpty()) {
      violations.add(new FieldViolation("exchange_lines", "is required"));
    }
    for (int i = 0; i < items.size(); i++) {
      ExchangeItem item = items.get(i);
      FreeText.check("exchange_lines[" + i + "].sku", item.sku(), 64, true, violations);
      if (item.quantity() < 1 || item.quantity() > MAX_UNITS_PER_LINE) {
        violations.add(new FieldViolation("exchange_lines[" + i + "].quantity", "must be 1 to " + MAX_UNITS_PER_LINE));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
  }

  private static ProductReturn withLastMessage(ProductReturn r, String message) {
    List<StatusChange> history = new ArrayList<>(r.statusHistory());
    StatusChange last = history.remove(history.size() - 1);
    history.add(new StatusChange(last.state(), last.actor(), last.changeTime(), message));
    return new ProductReturn(r.id(), r.customerId(), r.orderId(), r.lines(), r.preferredResolution(), r.channel(),
        r.state(), r.decision(), history, r.shipment(), r.labelExpireTime(), r.partialReceipt(), r.settlement(),
        r.linkedCases(), r.version(), r.createTime(), r.updateTime());
  }
}
