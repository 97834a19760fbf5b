package cx.returns.domain;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps "never more returned than bought" true under concurrent requests, without transactions.
 *
 * <p>A new return first claims its units on the order (a compare-and-set on the order's claims,
 * re-checking the returnable quantity against the latest claims), and only then is stored. A
 * return that leaves for good (cancelled, rejected, expired) releases its claim afterwards.
 * Both steps are idempotent, so a retry finishes what an interrupted attempt started; and when a
 * request is refused for lack of units, claims left behind by interrupted attempts are
 * reconciled first: a claim whose return gave its units back is released, and one whose return
 * was never stored is released once it is older than {@link #ABANDONED_CLAIM_AGE}.
 */
public final class ReturnableUnits {

  /** How old a claim without a stored return must be before its units are given back. */
  public static final Duration ABANDONED_CLAIM_AGE = Duration.ofMinutes(2);

  private static final int MAX_ATTEMPTS = 50;

  private final OrderStore orders;
  private final ReturnStore returns;

  public ReturnableUnits(OrderStore orders, ReturnStore returns) {
    this.orders = orders;
    this.returns = returns;
  }

  /**
   * Claims a return's units on its order. Succeeds at once if the return holds them already.
   *
   * @return false if the return had claimed and released its units before (it was stored and
   *     has left since), so it must not take them again
   * @throws FailedPreconditionException reason {@code QUANTITY_EXCEEDS_RETURNABLE} if a line
   *     asks for more units than are still returnable
   */
  public boolean claim(Order order, String returnId, List<ReturnLine> lines, Instant now) {
    Map<String, Integer> quantities = new HashMap<>();
    lines.forEach(line -> quantities.merge(line.orderLineId(), line.quantity(), Integer::sum));
    Order current = order;
    boolean reconciled = false;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      ReturnClaims claims = current.claims();
      if (claims.holds(returnId)) {
        return true;
      }
      if (claims.released(returnId)) {
        return false;
      }
      try {
        ReturnPolicy.checkReturnable(current, lines, returnId);
      } catch (FailedPreconditionException notEnough) {
        if (reconciled) {
          throw notEnough;
        }
        reconcile(current, now);
        reconciled = true;
        current = reload(current);
        continue;
      }
      if (orders.replaceClaims(current.id(), claims.version(), claims.with(new ReturnClaim(returnId, now, quantities)))) {
        return true;
      }
      current = reload(current);
    }
    throw new ConcurrentUpdateException(order.name());
  }

  /**
   * The order with claims left behind by interrupted or departed returns given back, when
   * without them a line would lack the units {@code lines} ask for; otherwise the order as is.
   */
  public Order reconciledFor(Order order, List<ReturnLine> lines, String returnId, Instant now) {
    try {
      ReturnPolicy.checkReturnable(order, lines, returnId);
      return order;
    } catch (FailedPreconditionException notEnough) {
      reconcile(order, now);
      return reload(order);
    }
  }

  /** Gives a return's units back to its order, if it still holds them. */
  public void release(String orderId, String returnId) {
    releaseAll(orderId, Set.of(returnId), false);
  }

  private void reconcile(Order order, Instant now) {
    Set<String> holders = order.claims().active().stream().map(ReturnClaim::returnId).collect(Collectors.toSet());
    if (holders.isEmpty()) {
      return;
    }
    Map<String, ProductReturn> stored = returns.findAll(holders).stream()
        .collect(Collectors.toMap(ProductReturn::id, r -> r));
    Set<String> left = order.claims().active().stream()
        .filter(claim -> stored.containsKey(claim.returnId()) && stored.get(claim.returnId()).state().releasesUnits())
        .map(ReturnClaim::returnId)
        .collect(Collectors.toSet());
    Set<String> abandoned = order.claims().active().stream()
        .filter(claim -> !stored.containsKey(claim.returnId()) && claim.claimTime().plus(ABANDONED_CLAIM_AGE).isBefore(now))
        .map(ReturnClaim::returnId)
        .collect(Collectors.toSet());
    if (!left.isEmpty()) {
      releaseAll(order.id(), left, false);
    }
    if (!abandoned.isEmpty()) {
      releaseAll(order.id(), abandoned, true);
    }
  }

  private void releaseAll(String orderId, Set<String> returnIds, boolean neverStored) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Order> order = orders.find(orderId);
      if (order.isEmpty()) {
        return;
      }
      ReturnClaims claims = order.get().claims();
      Set<String> held = returnIds.stream().filter(claims::holds).collect(Collectors.toSet());
      ReturnClaims next = neverStored ? claims.withoutAbandoned(held) : claims.without(held);
      if (held.isEmpty() || orders.replaceClaims(orderId, claims.version(), next)) {
        return;
      }
    }
    throw new ConcurrentUpdateException("customers/-/orders/" + orderId);
  }

  private Order reload(Order order) {
    return orders.find(order.id()).orElseThrow(() -> new IllegalStateException("a recorded order vanished"));
  }
}
