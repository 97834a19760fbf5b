package cx.profile.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which consent history entries to list.
 *
 * @param purposes only these purposes; empty means all
 * @param channels only these channels; empty means all
 * @param startTime only decisions made at or after this time
 * @param endTime only decisions made before this time
 */
public record ConsentHistoryFilter(Set<ConsentPurpose> purposes, Set<ConsentChannel> channels,
    Optional<Instant> startTime, Optional<Instant> endTime) {

  public static final ConsentHistoryFilter ALL =
      new ConsentHistoryFilter(Set.of(), Set.of(), Optional.empty(), Optional.empty());

  public ConsentHistoryFilter {
    purposes = Set.copyOf(purposes);
    channels = Set.copyOf(channels);
  }

  /** Whether an entry passes the filter. */
  public boolean matches(ConsentChange change) {
    ConsentDecision d = change.decision();
    return (purposes.isEmpty() || purposes.contains(d.purpose()))
        && (channels.isEmpty() || channels.contains(d.channel()))
        && startTime.map(t -> !d.decideTime().isBefore(t)).orElse(true)
        && endTime.map(t -> d.decideTime().isBefore(t)).orElse(true);
  }
}
