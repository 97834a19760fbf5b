package cx.gateway.history;

import cx.common.v1.TimelineEvent;
import cx.common.v1.TimelineFilter;
import cx.common.v1.TimelineSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One service's part of a customer's history, as the gateway reads it. */
interface HistorySource {

  /** Which service this is. */
  TimelineSource source();

  /** One page of the service's events for the customer ids, newest first. */
  CompletableFuture<Page> page(List<String> customerIds, TimelineFilter filter, int pageSize, String pageToken,
      String requestId);

  /** A page as the service returned it. */
  record Page(List<TimelineEvent> events, String nextPageToken) {
  }
}
