package cx.feedback.domain;

import cx.runtime.failure.InvalidArgumentException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Computes complaint-handling statistics from the per-day facts documents: one read by key per
 * day of the range, never a scan of the complaints.
 */
public final class ComplaintStatistics {

  private final ComplaintStatsStore store;
  private final ResolutionTargets targets;
  private final Clock clock;

  public ComplaintStatistics(ComplaintStatsStore store, ResolutionTargets targets, Clock clock) {
    this.store = store;
    this.targets = targets;
    this.clock = clock;
  }

  /**
   * The statistics of the complaints filed, and follow-up cases opened, in the query's range.
   *
   * @throws InvalidArgumentException for an end before the start
   */
  public ComplaintStats compute(ComplaintStatsQuery query) {
    Instant now = clock.instant();
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate end = query.endDate() != null ? query.endDate() : today;
    if (query.startDate() != null && end.isBefore(query.startDate())) {
      throw InvalidArgumentException.of("end_date", "must not be before start_date");
    }
    LocalDate start = query.startDate() != null ? query.startDate() : store.firstDay().orElse(end);
    List<LocalDate> days = start.isAfter(end) ? List.of() : start.datesUntil(end.plusDays(1)).toList();
    List<ComplaintFacts> complaints = store.complaintsFiledOn(days).stream().filter(query::covers).toList();
    List<FollowUpFacts> followUps = store.followUpsOpenedOn(days).stream().filter(query::covers).toList();
    return compute(complaints, followUps, query.severities(), now);
  }

  /** The statistics of these complaints and cases, as of {@code now}. */
  ComplaintStats compute(List<ComplaintFacts> complaints, List<FollowUpFacts> followUps,
      Set<ComplaintSeverity> severities, Instant now) {
    List<ComplaintStats.BySeverity> bySeverity = new ArrayList<>();
    for (ComplaintSeverity severity : severities.isEmpty() ? EnumSet.allOf(ComplaintSeverity.class)
        : EnumSet.copyOf(severities)) {
      bySeverity.add(severityStats(severity,
          complaints.stream().filter(c -> c.severity() == severity).toList(), now));
    }
    long[] ratings = new long[ComplaintLifecycle.MAX_RATING + 1];
    complaints.stream().map(ComplaintFacts::ratingScore).filter(Objects::nonNull).forEach(s -> ratings[s]++);
    List<Duration> resolutions = resolutionDurations(complaints);
    return new ComplaintStats(now, complaints.size(),
        complaints.stream().filter(ComplaintFacts::isUnresolved).count(), resolutions.size(),
        mean(complaints.stream().map(ComplaintFacts::firstResponseDuration).filter(Objects::nonNull).toList()),
        mean(resolutions), median(resolutions),
        mean(complaints.stream().map(ComplaintFacts::fullResolutionDuration).filter(Objects::nonNull).toList()),
        complaints.stream().filter(c -> c.reopenCount() > 0).count(), bySeverity,
        new ComplaintStats.Ratings(ratings), followUpStats(followUps, now));
  }

  private ComplaintStats.BySeverity severityStats(ComplaintSeverity severity, List<ComplaintFacts> complaints,
      Instant now) {
    Duration target = targets.of(severity);
    long judged = 0;
    long within = 0;
    for (ComplaintFacts c : complaints) {
      if (c.resolutionDuration() != null) {
        judged++;
        if (c.resolutionDuration().compareTo(target) <= 0) {
          within++;
        }
      } else if (now.isAfter(c.createTime().plus(target))) {
        judged++;
      }
    }
    List<Duration> resolutions = resolutionDurations(complaints);
    return new ComplaintStats.BySeverity(severity, target, complaints.size(),
        complaints.stream().filter(ComplaintFacts::isUnresolved).count(), judged, within,
        judged == 0 ? OptionalDouble.empty() : OptionalDouble.of(within * 100.0 / judged),
        mean(resolutions), median(resolutions));
  }

  private static ComplaintStats.FollowUps followUpStats(List<FollowUpFacts> followUps, Instant now) {
    List<Duration> closes = followUps.stream().map(FollowUpFacts::closeDuration).filter(Objects::nonNull).toList();
    Duration oldestOpenAge = followUps.stream().filter(f -> f.state() == FollowUpState.OPEN)
        .map(f -> Duration.between(f.createTime(), now)).max(Duration::compareTo).orElse(null);
    long open = followUps.stream().filter(f -> f.state() == FollowUpState.OPEN).count();
    return new ComplaintStats.FollowUps(followUps.size(), open, followUps.size() - open, oldestOpenAge,
        mean(closes), median(closes),
        followUps.stream().filter(f -> f.outcome() == FollowUpOutcome.ESCALATED_TO_COMPLAINT).count());
  }

  private static List<Duration> resolutionDurations(List<ComplaintFacts> complaints) {
    return complaints.stream().map(ComplaintFacts::resolutionDuration).filter(Objects::nonNull).toList();
  }

  /** The mean, to the nanosecond; null for no durations. */
  static Duration mean(Collection<Duration> durations) {
    if (durations.isEmpty()) {
      return null;
    }
    BigInteger total = BigInteger.ZERO;
    for (Duration d : durations) {
      total = total.add(BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000))
          .add(BigInteger.valueOf(d.getNano())));
    }
    return Duration.ofNanos(total.divide(BigInteger.valueOf(durations.size())).longValueExact());
  }

  /** The median; for an even count the mean of the two middle values; null for no durations. */
  static Duration median(Collection<Duration> durations) {
    if (durations.isEmpty()) {
      return null;
    }
    List<Duration> sorted = durations.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : mean(List.of(sorted.get(middle - 1), sorted.get(middle)));
  }
}
