package cx.profile.domain;

import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.CustomerEventLog;
import cx.runtime.timeline.EventPage;
import cx.runtime.timeline.EventQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A timeline in memory, for domain tests: keeps one event per customer and id. */
final class RecordingEventLog implements CustomerEventLog {

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
        .sorted(CustomerEvent::newestFirst)
        .toList();
    boolean hasMore = matching.size() > query.pageSize();
    return new EventPage(hasMore ? matching.subList(0, query.pageSize()) : matching, hasMore);
  }

  @Override
  public Optional<CustomerEvent> find(String customerId, String eventId) {
    return Optional.ofNullable(events.get(customerId + ":" + eventId));
  }

  @Override
  public void clearSummaries(String customerId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void forget(String customerId) {
    throw new UnsupportedOperationException();
  }
}
