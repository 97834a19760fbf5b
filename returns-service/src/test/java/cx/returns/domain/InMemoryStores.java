package cx.returns.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Stores in memory with the same compare-and-set semantics as the MongoDB ones. */
final class InMemoryStores {

  static class Orders implements OrderStore {
    final Map<String, Order> orders = new ConcurrentHashMap<>();

    @Override
    public Optional<Order> find(String orderId) {
      return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public boolean insertIfAbsent(Order order) {
      return orders.putIfAbsent(order.id(), order) == null;
    }

    @Override
    public synchronized boolean replaceClaims(String orderId, long expectedVersion, ReturnClaims claims) {
      Order current = orders.get(orderId);
      if (current == null || current.claims().version() != expectedVersion) {
        return false;
      }
      orders.put(orderId, current.withClaims(claims));
      return true;
    }
  }

  static class Returns implements ReturnStore {
    final Map<String, ProductReturn> returns = new ConcurrentHashMap<>();

    @Override
    public Optional<ProductReturn> find(String returnId) {
      return Optional.ofNullable(returns.get(returnId));
    }

    @Override
    public List<ProductReturn> findAll(Collection<String> returnIds) {
      return returnIds.stream().map(returns::get).filter(r -> r != null).toList();
    }

    @Override
    public void insertIfAbsent(ProductReturn productReturn) {
      returns.putIfAbsent(productReturn.id(), productReturn);
    }

    @Override
    public synchronized boolean replace(ProductReturn next, long expectedVersion) {
      ProductReturn current = returns.get(next.id());
      if (current == null || current.version() != expectedVersion) {
        return false;
      }
      returns.put(next.id(), next);
      return true;
    }
  }

  private InMemoryStores() {
  }
}
