package cx.runtime.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which part of the customers' history to read: the customers (a profile and every id merged
 * into it), optional filters, and the position after which the page starts.
 *
 * @param customerIds the ids whose events are read together
 * @param channels only these channels (enum names without prefix); empty means all
 * @param kinds only kinds equal to one of these or starting with one of these and a dot
 * @param startTime only events at or after this time, if given
 * @param endTime only events before this time, if given
 * @param afterTime with {@code afterId}: the position of the last event of the previous page
 * @param pageSize how many events at most
 */
public record EventQuery(Set<String> customerIds, Set<String> channels, Set<String> kinds,
    Optional<Instant> startTime, Optional<Instant> endTime, Optional<Instant> afterTime, String afterId, int pageSize) {

  public EventQuery {
    customerIds = Set.copyOf(customerIds);
    channels = Set.copyOf(channels);
    kinds = Set.copyOf(kinds);
    afterId = afterId == null ? "" : afterId;
  }

  /** Whether an event passes the filters (not the position). */
  public boolean matches(CustomerEvent event) {
    if (!channels.isEmpty() && !channels.contains(event.channel())) {
      return false;
    }
    if (!kinds.isEmpty() && kinds.stream().noneMatch(k -> event.kind().equals(k) || event.kind().startsWith(k + "."))) {
      return false;
    }
    if (startTime.isPresent() && event.occurTime().isBefore(startTime.get())) {
      return false;
    }
    return endTime.isEmpty() || event.occurTime().isBefore(endTime.get());
  }

  /** The filters in a fixed order, for a page token's query fingerprint. */
  public List<String> fingerprintParts() {
    return List.of(String.join(",", customerIds.stream().sorted().toList()),
        String.join(",", channels.stream().sorted().toList()),
        String.join(",", kinds.stream().sorted().toList()),
        startTime.map(Instant::toString).orElse(""), endTime.map(Instant::toString).orElse(""));
  }
}
