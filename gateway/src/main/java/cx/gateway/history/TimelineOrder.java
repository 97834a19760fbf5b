package cx.gateway.history;

import cx.common.v1.TimelineEvent;
import java.util.Comparator;

/**
 * The unified timeline's total order: newest first; among events of the same millisecond, by
 * source, then by event id, both descending. Within one source this is the order the service
 * itself pages in, so a position in it can be continued from in every source at once.
 */
final class TimelineOrder {

  static final Comparator<TimelineEvent> NEWEST_FIRST = Comparator
      .comparingLong(TimelineOrder::millis).reversed()
      .thenComparing(Comparator.comparingInt((TimelineEvent e) -> e.getSourceValue()).reversed())
      .thenComparing(Comparator.comparing(TimelineEvent::getEventId).reversed());

  private TimelineOrder() {
  }

  /** An event's time in epoch milliseconds, the precision every service keeps. */
  static long millis(TimelineEvent event) {
    return event.getOccurTime().getSeconds() * 1000 + event.getOccurTime().getNanos() / 1_000_000;
  }

  /** The position after which a page continues: the last event shown. */
  record Position(long millis, int source, String eventId) {

    static Position of(TimelineEvent event) {
      return new Position(TimelineOrder.millis(event), event.getSourceValue(), event.getEventId());
    }

    /** Whether an event comes after this position in the timeline's order. */
    boolean precedes(TimelineEvent event) {
      long time = TimelineOrder.millis(event);
      if (time != millis) {
        return time < millis;
      }
      if (event.getSourceValue() != source) {
        return event.getSourceValue() < source;
      }
      return event.getEventId().compareTo(eventId) < 0;
    }
  }
}
