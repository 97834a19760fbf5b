package cx.runtime.grpc;

import com.google.protobuf.Timestamp;
import cx.common.v1.Channel;
import cx.common.v1.TimelineEvent;
import cx.common.v1.TimelineFilter;
import cx.common.v1.TimelineSource;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.timeline.CustomerEvent;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Maps each service's history events to the shared timeline message, and reads timeline filters. */
public final class TimelineMessages {

  /** The most kinds one timeline filter may name. */
  public static final int MAX_FILTER_KINDS = 50;

  private static final Pattern KIND = Pattern.compile("[a-z][a-z_]*(\\.[a-z][a-z_]*)*");

  private TimelineMessages() {
  }

  /** The event as the unified timeline shows it, marked with the service it comes from. */
  public static TimelineEvent toMessage(CustomerEvent event, TimelineSource source) {
    return TimelineEvent.newBuilder()
        .setEventId(event.eventId())
        .setSource(source)
        .setKind(event.kind())
        .setCustomerId(event.customerId())
        .setChannel(event.channel().isEmpty() ? Channel.CHANNEL_UNSPECIFIED : Channel.valueOf("CHANNEL_" + event.channel()))
        .setOccurTime(Timestamp.newBuilder().setSeconds(event.occurTime().getEpochSecond())
            .setNanos(event.occurTime().getNano()))
        .setSummary(event.summary())
        .setResource(event.resource())
        .addAllRelatedResources(event.relatedResources())
        .putAllAttributes(event.attributes())
        .build();
  }

  /** The kinds a filter names, each a dotted lower-case code; INVALID_ARGUMENT naming the bad one. */
  public static Set<String> kinds(TimelineFilter filter) {
    if (filter.getKindsCount() > MAX_FILTER_KINDS) {
      throw InvalidArgumentException.of("filter.kinds", "holds more than " + MAX_FILTER_KINDS + " kinds");
    }
    Set<String> kinds = new TreeSet<>();
    for (int i = 0; i < filter.getKindsCount(); i++) {
      if (filter.getKinds(i).length() > 100 || !KIND.matcher(filter.getKinds(i)).matches()) {
        throw InvalidArgumentException.of("filter.kinds[" + i + "]", "is not a dotted lower-case kind");
      }
      kinds.add(filter.getKinds(i));
    }
    return kinds;
  }
}
