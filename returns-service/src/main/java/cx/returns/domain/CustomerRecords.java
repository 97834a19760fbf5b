package cx.returns.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Lists a customer's orders and returns from the reference lists in their summary document:
 * the ids are read by key, the records by {@code _id $in}, newest listed first. A page's
 * position is the index in the list where the next page starts looking; ids listed later go to
 * the end of the list, so they never shift a position that was handed out.
 */
public final class CustomerRecords {

  private static final int CHUNK = 200;

  private final CustomerSummaries summaries;
  private final OrderStore orders;
  private final ReturnStore returns;

  public CustomerRecords(CustomerSummaries summaries, OrderStore orders, ReturnStore returns) {
    this.summaries = summaries;
    this.orders = orders;
    this.returns = returns;
  }

  /**
   * A page of records.
   *
   * @param nextPosition where the next page starts, or -1 after the last page
   */
  public record Page<T>(List<T> items, int nextPosition) {

    public Page {
      items = List.copyOf(items);
    }
  }

  /**
   * The customer's orders that pass {@code filter}, most recently recorded first.
   *
   * @param position where to start, or -1 for the first page
   */
  public Page<Order> orders(String customerId, int position, int pageSize, Predicate<Order> filter) {
    return page(summaries.orderIds(customerId), position, pageSize, orders::findAll, Order::id,
        o -> o.customerId().equals(customerId) && filter.test(o));
  }

  /** The customer's returns that pass {@code filter}, most recently requested first. */
  public Page<ProductReturn> returns(String customerId, int position, int pageSize, Predicate<ProductReturn> filter) {
    return page(summaries.returnIds(customerId), position, pageSize, returns::findAll, ProductReturn::id,
        r -> r.customerId().equals(customerId) && filter.test(r));
  }

  /** Every customer's returns that pass {@code filter}, most recently requested first. */
  public Page<ProductReturn> everyonesReturns(int position, int pageSize, Predicate<ProductReturn> filter) {
    return page(summaries.everyReturnId(), position, pageSize, returns::findAll, ProductReturn::id, filter);
  }

  private static <T> Page<T> page(List<String> ids, int position, int pageSize,
      Function<Collection<String>, List<T>> load, Function<T, String> idOf, Predicate<T> filter) {
    List<T> items = new ArrayList<>();
    int next = position < 0 ? ids.size() - 1 : Math.min(position, ids.size() - 1);
    while (next >= 0 && items.size() < pageSize) {
      List<String> chunk = new ArrayList<>();
      for (int i = next; i >= 0 && chunk.size() < CHUNK; i--) {
        chunk.add(ids.get(i));
      }
      Map<String, T> loaded = new HashMap<>();
      load.apply(chunk).forEach(item -> loaded.put(idOf.apply(item), item));
      for (String id : chunk) {
        next--;
        T item = loaded.get(id);
        if (item != null && filter.test(item)) {
          items.add(item);
          if (items.size() == pageSize) {
            break;
          }
        }
      }
    }
    return new Page<>(items, next);
  }
}
