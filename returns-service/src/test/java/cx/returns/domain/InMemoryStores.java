package cx.returns.domain;

import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.CustomerEventLog;
import cx.runtime.timeline.EventPage;
import cx.runtime.timeline.EventQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
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
    public List<Order> findAll(Collection<String> orderIds) {
      return orderIds.stream().map(orders::get).filter(o -> o != null).toList();
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

    @Override
    public List<ProductReturn> findApprovedWithLabelExpiredBefore(Instant now, int limit) {
      return returns.values().stream().filter(r -> r.labelExpiredAt(now)).limit(limit).toList();
    }
  }

  /** Rollups and summaries that count each event once, like the MongoDB ones. */
  static class RateRollups implements ReturnRateRollups {
    final Map<LocalDate, Set<String>> applied = new ConcurrentHashMap<>();
    final Map<LocalDate, List<RateCount>> counts = new ConcurrentHashMap<>();

    @Override
    public synchronized void count(LocalDate cohortDay, Map<String, List<RateCount>> countsByEvent) {
      countsByEvent.forEach((eventId, eventCounts) -> {
        if (applied.computeIfAbsent(cohortDay, d -> new HashSet<>()).add(eventId)) {
          counts.computeIfAbsent(cohortDay, d -> new ArrayList<>()).addAll(eventCounts);
        }
      });
    }

    @Override
    public synchronized List<RateCount> read(LocalDate from, LocalDate until) {
      List<RateCount> read = new ArrayList<>();
      counts.forEach((day, dayCounts) -> {
        if (!day.isBefore(from) && day.isBefore(until)) {
          read.addAll(dayCounts);
        }
      });
      return read;
    }
  }

  static class Summaries implements CustomerSummaries {
    final Map<String, Set<String>> applied = new ConcurrentHashMap<>();
    final Map<String, CustomerSummaryCounts> summaries = new ConcurrentHashMap<>();

    @Override
    public synchronized void count(String customerId, Map<String, List<SummaryCount>> countsByEvent,
        Instant orderTime) {
      countsByEvent.forEach((eventId, eventCounts) -> {
        if (!applied.computeIfAbsent(customerId, c -> new HashSet<>()).add(eventId)) {
          return;
        }
        CustomerSummaryCounts s = summaries.getOrDefault(customerId, CustomerSummaryCounts.empty(customerId));
        long orders = s.orderCount();
        long sold = s.unitsSold();
        long returned = s.unitsReturned();
        Map<String, Long> gross = new HashMap<>(s.grossSpend());
        Map<String, Long> refunded = new HashMap<>(s.refunded());
        for (SummaryCount c : eventCounts) {
          switch (c.measure()) {
            case ORDERS -> orders += c.amount();
            case UNITS_SOLD -> sold += c.amount();
            case UNITS_RETURNED -> returned += c.amount();
            case GROSS_SPEND -> gross.merge(c.currencyCode(), c.amount(), Long::sum);
            case REFUNDED -> refunded.merge(c.currencyCode(), c.amount(), Long::sum);
          }
        }
        Instant first = orderTime == null || s.firstOrderTime() != null && s.firstOrderTime().isBefore(orderTime)
            ? s.firstOrderTime() : orderTime;
        Instant last = orderTime == null || s.lastOrderTime() != null && s.lastOrderTime().isAfter(orderTime)
            ? s.lastOrderTime() : orderTime;
        summaries.put(customerId, new CustomerSummaryCounts(customerId, orders, sold, returned, gross, refunded, first,
            last, s.returnsInProgress()));
      });
    }

    final Map<String, Set<String>> orderIds = new ConcurrentHashMap<>();
    final Map<String, Set<String>> returnIds = new ConcurrentHashMap<>();
    final Set<String> everyReturnId = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

    @Override
    public List<String> everyReturnId() {
      synchronized (everyReturnId) {
        return List.copyOf(everyReturnId);
      }
    }

    @Override
    public void listOrder(String customerId, String orderId) {
      orderIds.computeIfAbsent(customerId, c -> new LinkedHashSet<>()).add(orderId);
    }

    @Override
    public void forget(String customerId) {
      summaries.remove(customerId);
      orderIds.remove(customerId);
      returnIds.remove(customerId);
    }

    @Override
    public List<String> orderIds(String customerId) {
      return List.copyOf(orderIds.getOrDefault(customerId, Set.of()));
    }

    @Override
    public List<String> returnIds(String customerId) {
      return List.copyOf(returnIds.getOrDefault(customerId, Set.of()));
    }

    @Override
    public synchronized void trackReturn(String customerId, String returnId, boolean inProgress) {
      returnIds.computeIfAbsent(customerId, c -> new LinkedHashSet<>()).add(returnId);
      everyReturnId.add(returnId);
      CustomerSummaryCounts s = summaries.getOrDefault(customerId, CustomerSummaryCounts.empty(customerId));
      Set<String> ids = new LinkedHashSet<>(s.returnsInProgress());
      if (inProgress) {
        ids.add(returnId);
      } else {
        ids.remove(returnId);
      }
      summaries.put(customerId, new CustomerSummaryCounts(customerId, s.orderCount(), s.unitsSold(), s.unitsReturned(),
          s.grossSpend(), s.refunded(), s.firstOrderTime(), s.lastOrderTime(), List.copyOf(ids)));
    }

    @Override
    public Optional<CustomerSummaryCounts> find(String customerId) {
      return Optional.ofNullable(summaries.get(customerId));
    }
  }

  /** A timeline that keeps one copy of each event id per customer. */
  static class EventLog implements CustomerEventLog {
    final Map<String, CustomerEvent> events = new ConcurrentHashMap<>();

    @Override
    public void record(CustomerEvent event) {
      events.putIfAbsent(event.customerId() + ":" + event.eventId(), event);
    }

    @Override
    public EventPage read(EventQuery query) {
      List<CustomerEvent> matching = events.values().stream()
          .filter(e -> query.customerIds().contains(e.customerId()) && query.matches(e))
          .filter(e -> query.afterTime().map(t -> e.isAfter(t, query.afterId())).orElse(true))
          .sorted(CustomerEvent::newestFirst).toList();
      return new EventPage(matching.stream().limit(query.pageSize()).toList(), matching.size() > query.pageSize());
    }

    @Override
    public Optional<CustomerEvent> find(String customerId, String eventId) {
      return Optional.ofNullable(events.get(customerId + ":" + eventId));
    }

    @Override
    public void clearSummaries(String customerId) {
      events.replaceAll((key, e) -> e.customerId().equals(customerId) ? new CustomerEvent(e.eventId(), e.customerId(),
          e.occurTime(), e.kind(), e.channel(), "", e.resource(), e.relatedResources(), e.attributes()) : e);
    }

    @Override
    public void forget(String customerId) {
      events.values().removeIf(e -> e.customerId().equals(customerId));
    }
  }

  /** Analytics on fresh in-memory rollups and summaries. */
  static CommerceAnalytics analytics(ReturnStore returns) {
    return new CommerceAnalytics(new RateRollups(), new Summaries(), returns, java.time.Clock.systemUTC());
  }

  private InMemoryStores() {
  }
}
