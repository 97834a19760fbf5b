package cx.runtime.paging;

import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.EventPage;
import cx.runtime.timeline.EventQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a timeline list request into an {@link EventQuery} and a page of events into the token
 * of the next page. The token carries the position of the page's last event, so paging through
 * a whole history returns every event exactly once, in order, even while new events arrive
 * (they sort before the position and appear on a fresh first page).
 */
public final class TimelinePaging {

  /** At most this many customer ids (a profile and the ids merged into it) per query. */
  public static final int MAX_CUSTOMER_IDS = 1000;

  private final PageTokens tokens;
  private final String method;

  /** @param method the RPC's name, so that its tokens are valid for it alone */
  public TimelinePaging(PageTokens tokens, String method) {
    this.tokens = tokens;
    this.method = method;
  }

  /** The query for a request; rejects bad sizes, empty id sets and foreign tokens. */
  public EventQuery query(Set<String> customerIds, Set<String> channels, Set<String> kinds,
      Optional<Instant> startTime, Optional<Instant> endTime, int pageSize, String pageToken) {
    if (customerIds.isEmpty()) {
      throw InvalidArgumentException.of("customer_ids", "needs at least one customer id");
    }
    if (customerIds.size() > MAX_CUSTOMER_IDS) {
      throw InvalidArgumentException.of("customer_ids", "holds more than " + MAX_CUSTOMER_IDS + " ids");
    }
    EventQuery unpositioned = new EventQuery(customerIds, channels, kinds, startTime, endTime,
        Optional.empty(), "", PageSize.coerce(pageSize));
    List<String> position = tokens.decode(pageToken, fingerprint(unpositioned));
    if (position.isEmpty()) {
      return unpositioned;
    }
    if (position.size() != 2) {
      throw InvalidArgumentException.of("page_token", "is not a token this service issued");
    }
    Instant after;
    try {
      after = Instant.ofEpochMilli(Long.parseLong(position.get(0)));
    } catch (NumberFormatException e) {
      throw InvalidArgumentException.of("page_token", "is not a token this service issued");
    }
    return new EventQuery(customerIds, channels, kinds, startTime, endTime, Optional.of(after), position.get(1),
        unpositioned.pageSize());
  }

  /** The token of the page after this one, or empty when this was the last. */
  public String nextPageToken(EventQuery query, EventPage page) {
    if (!page.hasMore() || page.events().isEmpty()) {
      return "";
    }
    CustomerEvent last = page.events().get(page.events().size() - 1);
    return tokens.encode(fingerprint(query), List.of(Long.toString(last.occurTime().toEpochMilli()), last.eventId()));
  }

  private String fingerprint(EventQuery query) {
    return PageTokens.fingerprint(method, query.fingerprintParts());
  }
}
