package cx.runtime.timeline;

import java.util.List;

/**
 * One page of history, newest first.
 *
 * @param events the events of the page
 * @param hasMore whether events remain after the last one
 */
public record EventPage(List<CustomerEvent> events, boolean hasMore) {

  public EventPage {
    events = List.copyOf(events);
  }
}
