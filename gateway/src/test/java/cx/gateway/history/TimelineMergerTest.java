package cx.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import cx.common.v1.TimelineEvent;
import cx.common.v1.TimelineFilter;
import cx.common.v1.TimelineSource;
import cx.gateway.transcoding.BadHttpRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TimelineMergerTest {

  /** A service's history in memory, paged the way the services page (newest first, by offset). */
  static final class FakeSource implements HistorySource {
    final TimelineSource source;
    final List<TimelineEvent> events = new CopyOnWriteArrayList<>();
    volatile boolean down;
    volatile Runnable beforeEachPage = () -> { };
    volatile long delayMillis;

    FakeSource(TimelineSource source) {
      this.source = source;
    }

    @Override
    public TimelineSource source() {
      return source;
    }

    @Override
    public CompletableFuture<Page> page(List<String> customerIds, TimelineFilter filter, int pageSize, String pageToken,
        String requestId) {
      beforeEachPage.run();
      if (down) {
        return CompletableFuture.failedFuture(io.grpc.Status.UNAVAILABLE.asRuntimeException());
      }
      long end = filter.hasEndTime() ? filter.getEndTime().getSeconds() * 1000 + filter.getEndTime().getNanos() / 1_000_000
          : Long.MAX_VALUE;
      List<TimelineEvent> matching = new ArrayList<>(events.stream()
          .filter(e -> customerIds.contains(e.getCustomerId()) && TimelineOrder.millis(e) < end).toList());
      matching.sort(Comparator.comparingLong(TimelineOrder::millis).reversed()
          .thenComparing(Comparator.comparing(TimelineEvent::getEventId).reversed()));
      int from = pageToken.isEmpty() ? 0 : Integer.parseInt(pageToken);
      int to = Math.min(matching.size(), from + pageSize);
      Page page = new Page(matching.subList(from, to), to < matching.size() ? "" + to : "");
      if (delayMillis == 0) {
        return CompletableFuture.completedFuture(page);
      }
      // A slow service answers later on its own thread, as a gRPC call would.
      return CompletableFuture.supplyAsync(() -> {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return page;
      });
    }
  }

  static TimelineEvent event(TimelineSource source, String customer, String id, long millis) {
    return TimelineEvent.newBuilder().setSource(source).setEventId(id).setCustomerId(customer).setKind("x.y")
        .setOccurTime(Timestamp.newBuilder().setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000)).build();
  }

  private final FakeSource profile = new FakeSource(TimelineSource.TIMELINE_SOURCE_PROFILE);
  private final FakeSource feedback = new FakeSource(TimelineSource.TIMELINE_SOURCE_FEEDBACK);
  private final FakeSource returns = new FakeSource(TimelineSource.TIMELINE_SOURCE_RETURNS);
  private final TimelineMerger merger = new TimelineMerger(List.of(profile, feedback, returns), Duration.ofSeconds(2));

  private List<TimelineEvent> readAll(List<String> ids, int pageSize) {
    List<TimelineEvent> all = new ArrayList<>();
    Optional<TimelineOrder.Position> after = Optional.empty();
    do {
      TimelineMerger.MergedPage page = merger.page(ids, TimelineFilter.getDefaultInstance(), Set.of(), pageSize, after, "r")
          .join();
      all.addAll(page.events());
      after = page.next();
    } while (after.isPresent());
    return all;
  }

  @Test
  void pagingThroughThreeSourcesShowsEveryEventOnceInOrderEvenWithTies() {
    List<TimelineEvent> expected = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      // Many events share a millisecond, within and across sources.
      long time = 1_700_000_000_000L + (i / 7) * 1000;
      FakeSource source = List.of(profile, feedback, returns).get(i % 3);
      TimelineEvent e = event(source.source, i % 2 == 0 ? "c-1" : "c-merged", String.format("e-%03d", i), time);
      source.events.add(e);
      expected.add(e);
    }
    expected.sort(TimelineOrder.NEWEST_FIRST);

    List<TimelineEvent> read = readAll(List.of("c-1", "c-merged"), 7);

    assertThat(read).containsExactlyElementsOf(expected);
  }

  @Test
  void newEventsArrivingWhilePagingNeitherRepeatNorHideOlderOnes() {
    for (int i = 0; i < 60; i++) {
      returns.events.add(event(TimelineSource.TIMELINE_SOURCE_RETURNS, "c-1", "old-" + i, 1_000_000L + i * 10));
    }
    int[] added = {0};
    feedback.beforeEachPage = () -> feedback.events.add(
        event(TimelineSource.TIMELINE_SOURCE_FEEDBACK, "c-1", "new-" + added[0]++, 9_000_000L + added[0]));

    List<TimelineEvent> read = readAll(List.of("c-1"), 9);

    Set<String> ids = new HashSet<>();
    read.forEach(e -> assertThat(ids.add(e.getEventId())).as("twice: %s", e.getEventId()).isTrue());
    for (int i = 0; i < 60; i++) {
      assertThat(ids).contains("old-" + i);
    }
  }

  @Test
  void aServiceThatIsDownIsNamedAndTheOthersStillAnswer() {
    profile.events.add(event(TimelineSource.TIMELINE_SOURCE_PROFILE, "c-1", "p", 5));
    returns.events.add(event(TimelineSource.TIMELINE_SOURCE_RETURNS, "c-1", "r", 6));
    feedback.down = true;

    TimelineMerger.MergedPage page = merger.page(List.of("c-1"), TimelineFilter.getDefaultInstance(), Set.of(), 10,
        Optional.empty(), "r").join();

    assertThat(page.events()).extracting(TimelineEvent::getEventId).containsExactly("r", "p");
    assertThat(page.missing()).containsExactly(TimelineSource.TIMELINE_SOURCE_FEEDBACK);
  }

  @Test
  void aServiceSlowerThanItsDeadlineIsLeftOutInTime() {
    TimelineMerger impatient = new TimelineMerger(List.of(profile, feedback), Duration.ofMillis(200));
    profile.events.add(event(TimelineSource.TIMELINE_SOURCE_PROFILE, "c-1", "p", 5));
    feedback.delayMillis = 2_000;
    long start = System.nanoTime();

    TimelineMerger.MergedPage page = impatient.page(List.of("c-1"), TimelineFilter.getDefaultInstance(), Set.of(), 10,
        Optional.empty(), "r").join();

    assertThat(page.missing()).containsExactly(TimelineSource.TIMELINE_SOURCE_FEEDBACK);
    assertThat(page.events()).extracting(TimelineEvent::getEventId).containsExactly("p");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
  }

  @Test
  void aTokenForAnotherCustomerOrAlteredIsRefused() {
    TimelineCursor cursor = new TimelineCursor("a-test-key-of-enough-length");
    String token = cursor.encode(new TimelineOrder.Position(5, 2, "e-1"), TimelineCursor.fingerprint("c-1"));

    assertThat(cursor.decode(token, TimelineCursor.fingerprint("c-1"))).contains(new TimelineOrder.Position(5, 2, "e-1"));
    assertThatThrownBy(() -> cursor.decode(token, TimelineCursor.fingerprint("c-2"))).isInstanceOf(BadHttpRequestException.class);
    String altered = (token.charAt(3) == 'A' ? "B" : "A");
    assertThatThrownBy(() -> cursor.decode(token.substring(0, 3) + altered + token.substring(4), TimelineCursor.fingerprint("c-1")))
        .isInstanceOf(BadHttpRequestException.class);
    assertThatThrownBy(() -> cursor.decode("garbage!", TimelineCursor.fingerprint("c-1"))).isInstanceOf(BadHttpRequestException.class);
  }
}
