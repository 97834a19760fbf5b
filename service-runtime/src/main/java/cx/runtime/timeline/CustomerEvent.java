package cx.runtime.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a customer's history as a service keeps it, in plain Java so that a domain can
 * emit it. The service's API maps it onto {@code cx.common.v1.TimelineEvent}.
 *
 * @param eventId unique within the service and stable: derive it from what happened (the
 *     resource and its version), so that recording the same event twice keeps one
 * @param customerId the customer it was recorded for
 * @param occurTime when it happened in the world
 * @param kind dotted lower-case code, e.g. {@code complaint.resolved}
 * @param channel the channel's enum name without prefix, e.g. {@code WEB}, or empty
 * @param summary one line for an agent; may hold personal data, so erasure clears it
 * @param resource the resource name it is about
 * @param relatedResources other resources it is linked to
 * @param attributes small, non-personal facts
 */
public record CustomerEvent(String eventId, String customerId, Instant occurTime, String kind, String channel,
    String summary, String resource, List<String> relatedResources, Map<String, String> attributes) {

  public CustomerEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(occurTime, "occurTime");
    Objects.requireNonNull(kind, "kind");
    channel = channel == null ? "" : channel;
    summary = summary == null ? "" : summary;
    resource = resource == null ? "" : resource;
    relatedResources = List.copyOf(relatedResources);
    attributes = Map.copyOf(attributes);
  }

  /** Newest first; among events of one instant, the larger id first. A total order. */
  public static int newestFirst(CustomerEvent a, CustomerEvent b) {
    int byTime = b.occurTime.compareTo(a.occurTime);
    return byTime != 0 ? byTime : b.eventId.compareTo(a.eventId);
  }

  /** Whether this event comes after the given position in newest-first order. */
  public boolean isAfter(Instant positionTime, String positionId) {
    int byTime = positionTime.compareTo(occurTime);
    return byTime > 0 || (byTime == 0 && positionId.compareTo(eventId) > 0);
  }
}
