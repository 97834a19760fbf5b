package cx.returns.api;

import cx.common.v1.TimelineFilter;
import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.paging.TimelinePaging;
import cx.runtime.timeline.EventQuery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads timeline questions from requests. */
final class TimelineMessages {

  /** The most channels or kinds one timeline filter may name. */
  static final int MAX_FILTER_VALUES = 50;

  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private TimelineMessages() {
  }

  /** The query a list request asks, with its position decoded from the page token. */
  static EventQuery query(TimelinePaging paging, List<String> customerIds, TimelineFilter filter, int pageSize,
      String pageToken) {
    return paging.query(customerIds(customerIds), channels(filter), cx.runtime.grpc.TimelineMessages.kinds(filter),
        Optional.ofNullable(filter.hasStartTime() ? ProtoValues.instant(filter.getStartTime(), "filter.start_time")
            : null),
        Optional.ofNullable(filter.hasEndTime() ? ProtoValues.instant(filter.getEndTime(), "filter.end_time") : null),
        pageSize, pageToken);
  }

  static Set<String> customerIds(List<String> ids) {
    if (ids.size() > TimelinePaging.MAX_CUSTOMER_IDS) {
      throw InvalidArgumentException.of("customer_ids", "holds more than " + TimelinePaging.MAX_CUSTOMER_IDS + " ids");
    }
    List<FieldViolation> violations = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!CUSTOMER_ID.matcher(ids.get(i)).matches()) {
        violations.add(new FieldViolation("customer_ids[" + i + "]", "is not a customer id"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
    return new LinkedHashSet<>(ids);
  }

  private static Set<String> channels(TimelineFilter filter) {
    if (filter.getChannelsCount() > MAX_FILTER_VALUES) {
      throw InvalidArgumentException.of("filter.channels", "holds more than " + MAX_FILTER_VALUES + " channels");
    }
    Set<String> channels = new TreeSet<>();
    for (int i = 0; i < filter.getChannelsCount(); i++) {
      cx.returns.domain.Channel channel = ProtoValues.channel(filter.getChannels(i), "filter.channels[" + i + "]");
      if (channel == null) {
        throw InvalidArgumentException.of("filter.channels[" + i + "]", "must name a channel");
      }
      channels.add(channel.name());
    }
    return channels;
  }

}
