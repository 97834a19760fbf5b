package cx.runtime.timeline;

import java.util.Collection;
import java.util.Optional;

/** Where a service keeps each customer's history for the unified timeline. */
public interface CustomerEventLog {

  /** Adds an event, unless one with its id was recorded for that customer already. */
  void record(CustomerEvent event);

  /**
   * Adds each event as {@link #record} would, in fewer writes where the log can: events arriving
   * in bulk (a batch of survey answers) are recorded together.
   */
  default void recordAll(Collection<CustomerEvent> events) {
    events.forEach(this::record);
  }

  /** A page of the customers' events, newest first, after the query's position. */
  EventPage read(EventQuery query);

  /** One event by customer and id. */
  Optional<CustomerEvent> find(String customerId, String eventId);

  /** Removes the summary (personal text) of every event of a customer, keeping the rest. */
  void clearSummaries(String customerId);

  /** Removes every event of a customer. */
  void forget(String customerId);
}
