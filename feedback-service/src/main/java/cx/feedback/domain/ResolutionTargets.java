package cx.feedback.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** How long the business gives itself to resolve a complaint, per severity (its SLA). */
public final class ResolutionTargets {

  private final Map<ComplaintSeverity, Duration> targets;

  /** @param targets a positive target for every severity */
  public ResolutionTargets(Map<ComplaintSeverity, Duration> targets) {
    for (ComplaintSeverity severity : ComplaintSeverity.values()) {
      Duration target = targets.get(severity);
      if (target == null || target.isNegative() || target.isZero()) {
        throw new IllegalArgumentException("a positive resolution target is needed for " + severity);
      }
    }
    this.targets = new EnumMap<>(targets);
  }

  /** The target of a severity. */
  public Duration of(ComplaintSeverity severity) {
    return targets.get(severity);
  }
}
