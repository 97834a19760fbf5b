package cx.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import cx.common.v1.TimelineEvent;
import cx.common.v1.TimelineSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimelineStreamWatchTest {

  private final TimelineStreamHandler.Watch watch = new TimelineStreamHandler.Watch();

  @Test
  void whatTheScreenAlreadyShowsIsNotSentAgain() {
    assertThat(watch.news(page(Set.of(), event("p1", TimelineSource.TIMELINE_SOURCE_PROFILE, 10)))).isEmpty();
    assertThat(watch.news(page(Set.of(), event("p1", TimelineSource.TIMELINE_SOURCE_PROFILE, 10)))).isEmpty();
  }

  @Test
  void newEventsAreSentOnceOldestFirst() {
    watch.news(page(Set.of(), event("p1", TimelineSource.TIMELINE_SOURCE_PROFILE, 10)));

    List<TimelineEvent> news = watch.news(page(Set.of(),
        event("r1", TimelineSource.TIMELINE_SOURCE_RETURNS, 30),
        event("f1", TimelineSource.TIMELINE_SOURCE_FEEDBACK, 20),
        event("p1", TimelineSource.TIMELINE_SOURCE_PROFILE, 10)));

    assertThat(news).extracting(TimelineEvent::getEventId).containsExactly("f1", "r1");
    assertThat(watch.news(page(Set.of(), event("r1", TimelineSource.TIMELINE_SOURCE_RETURNS, 30)))).isEmpty();
  }

  @Test
  void aSourceThatComesBackDoesNotFloodTheScreenWithItsHistory() {
    watch.news(page(Set.of(TimelineSource.TIMELINE_SOURCE_RETURNS), event("p1", TimelineSource.TIMELINE_SOURCE_PROFILE, 10)));

    List<TimelineEvent> back = watch.news(page(Set.of(),
        event("r-old", TimelineSource.TIMELINE_SOURCE_RETURNS, 5),
        event("p1", TimelineSource.TIMELINE_SOURCE_PROFILE, 10)));
    List<TimelineEvent> later = watch.news(page(Set.of(),
        event("r-new", TimelineSource.TIMELINE_SOURCE_RETURNS, 40),
        event("r-old", TimelineSource.TIMELINE_SOURCE_RETURNS, 5)));

    assertThat(back).isEmpty();
    assertThat(later).extracting(TimelineEvent::getEventId).containsExactly("r-new");
  }

  @Test
  void theSameIdFromTwoSourcesIsTwoEvents() {
    watch.news(page(Set.of()));

    assertThat(watch.news(page(Set.of(), event("x", TimelineSource.TIMELINE_SOURCE_PROFILE, 2),
        event("x", TimelineSource.TIMELINE_SOURCE_FEEDBACK, 1)))).hasSize(2);
  }

  private static TimelineMerger.MergedPage page(Set<TimelineSource> missing, TimelineEvent... events) {
    return new TimelineMerger.MergedPage(List.of(events), Optional.empty(), missing);
  }

  private static TimelineEvent event(String id, TimelineSource source, long seconds) {
    return TimelineEvent.newBuilder().setEventId(id).setSource(source)
        .setOccurTime(Timestamp.newBuilder().setSeconds(seconds)).build();
  }
}
