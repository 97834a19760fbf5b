package cx.gateway.history;

import com.google.protobuf.Timestamp;
import cx.common.v1.TimelineEvent;
import cx.common.v1.TimelineFilter;
import cx.common.v1.TimelineSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Merges the sources' histories into one page of the unified timeline.
 *
 * <p>All sources are asked at once, each with its own deadline. A page continues from a
 * position (the last event shown); each source is asked for its events up to that instant and
 * those not after the position are dropped, so paging through the whole history shows every
 * event exactly once, in order, while new events arrive (they are newer than any position and
 * appear on a fresh first page). A source that fails or is late is left out and named, and the
 * page says it is partial.
 */
final class TimelineMerger {

  /** How many pages of one source one timeline page may read before it stops. */
  private static final int MAX_SOURCE_PAGES = 5;
  private static final int SOURCE_PAGE_MAXIMUM = 1000;

  private final List<HistorySource> sources;
  private final Duration sourceTimeout;

  TimelineMerger(List<HistorySource> sources, Duration sourceTimeout) {
    this.sources = List.copyOf(sources);
    this.sourceTimeout = sourceTimeout;
  }

  /** A merged page. */
  record MergedPage(List<TimelineEvent> events, Optional<TimelineOrder.Position> next, Set<TimelineSource> missing) {
  }

  private record Collected(List<TimelineEvent> events, boolean exhausted) {
  }

  CompletableFuture<MergedPage> page(List<String> customerIds, TimelineFilter filter, Set<TimelineSource> only,
      int pageSize, Optional<TimelineOrder.Position> after, String requestId) {
    TimelineFilter bounded = after.map(p -> before(filter, p.millis() + 1)).orElse(filter);
    Map<TimelineSource, CompletableFuture<Collected>> asked = new LinkedHashMap<>();
    for (HistorySource source : sources) {
      if (only.isEmpty() || only.contains(source.source())) {
        asked.put(source.source(), collect(source, customerIds, bounded, pageSize, after, "", 0, new ArrayList<>(),
            requestId).orTimeout(sourceTimeout.toMillis(), TimeUnit.MILLISECONDS));
      }
    }
    return CompletableFuture.allOf(asked.values().stream()
            .map(f -> f.handle((ok, failed) -> null)).toArray(CompletableFuture[]::new))
        .thenApply(done -> {
          List<TimelineEvent> all = new ArrayList<>();
          Set<TimelineSource> missing = EnumSet.noneOf(TimelineSource.class);
          boolean moreInSources = false;
          for (Map.Entry<TimelineSource, CompletableFuture<Collected>> entry : asked.entrySet()) {
            if (entry.getValue().isCompletedExceptionally()) {
              missing.add(entry.getKey());
              continue;
            }
            Collected collected = entry.getValue().join();
            all.addAll(collected.events());
            moreInSources |= !collected.exhausted();
          }
          all.sort(TimelineOrder.NEWEST_FIRST);
          boolean more = moreInSources || all.size() > pageSize;
          List<TimelineEvent> shown = all.size() > pageSize ? all.subList(0, pageSize) : all;
          Optional<TimelineOrder.Position> next = more && !shown.isEmpty()
              ? Optional.of(TimelineOrder.Position.of(shown.get(shown.size() - 1)))
              : Optional.empty();
          return new MergedPage(List.copyOf(shown), next, missing);
        });
  }

  /** Reads a source's events after the position until it has a page's worth or runs out. */
  private CompletableFuture<Collected> collect(HistorySource source, List<String> customerIds, TimelineFilter filter,
      int pageSize, Optional<TimelineOrder.Position> after, String token, int pagesRead, List<TimelineEvent> kept,
      String requestId) {
    int ask = Math.min(SOURCE_PAGE_MAXIMUM, pageSize + 10);
    return source.page(customerIds, filter, ask, token, requestId).thenCompose(page -> {
      for (TimelineEvent event : page.events()) {
        if (after.map(p -> p.precedes(event)).orElse(true)) {
          kept.add(event);
        }
      }
      boolean exhausted = page.nextPageToken().isEmpty();
      if (kept.size() >= pageSize || exhausted || pagesRead + 1 >= MAX_SOURCE_PAGES) {
        return CompletableFuture.completedFuture(new Collected(kept, exhausted));
      }
      return collect(source, customerIds, filter, pageSize, after, page.nextPageToken(), pagesRead + 1, kept,
          requestId);
    });
  }

  /** The filter, further limited to events before the given instant. */
  private static TimelineFilter before(TimelineFilter filter, long millis) {
    long current = filter.hasEndTime()
        ? filter.getEndTime().getSeconds() * 1000 + filter.getEndTime().getNanos() / 1_000_000 : Long.MAX_VALUE;
    long end = Math.min(current, millis);
    return filter.toBuilder().setEndTime(Timestamp.newBuilder().setSeconds(Math.floorDiv(end, 1000))
        .setNanos((int) Math.floorMod(end, 1000) * 1_000_000)).build();
  }
}
