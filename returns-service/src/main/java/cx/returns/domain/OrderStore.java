package cx.returns.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where recorded orders and the units their returns hold are kept. */
public interface OrderStore {

  /** The order with this id, whichever customer it belongs to. */
  Optional<Order> find(String orderId);

  /** The orders with these ids that exist, in no particular order. */
  List<Order> findAll(Collection<String> orderIds);

  /**
   * Stores a new order unless one with its id exists already.
   *
   * @return true if this call stored it
   */
  boolean insertIfAbsent(Order order);

  /**
   * Replaces an order's claims, only if they are still at {@code expectedVersion}.
   *
   * @return false if another writer changed them first; nothing was written then
   */
  boolean replaceClaims(String orderId, long expectedVersion, ReturnClaims claims);
}
