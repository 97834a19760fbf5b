package cx.profile.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which audit entries to list.
 *
 * @param actions only these actions; empty means all
 * @param startTime only entries created at or after this time
 * @param endTime only entries created before this time
 */
public record AuditFilter(Set<AuditAction> actions, Optional<Instant> startTime, Optional<Instant> endTime) {

  public static final AuditFilter ALL = new AuditFilter(Set.of(), Optional.empty(), Optional.empty());

  public AuditFilter {
    actions = Set.copyOf(actions);
  }

  /** Whether an entry passes the filter. */
  public boolean matches(AuditEntry entry) {
    return (actions.isEmpty() || actions.contains(entry.action()))
        && startTime.map(t -> !entry.createTime().isBefore(t)).orElse(true)
        && endTime.map(t -> entry.createTime().isBefore(t)).orElse(true);
  }
}
