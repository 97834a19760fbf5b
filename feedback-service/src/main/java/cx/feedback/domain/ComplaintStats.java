package cx.feedback.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Complaint-handling statistics over one set of complaints and follow-up cases, as of
 * {@code asOf}. Durations are null where the contract leaves them unset (nothing to average).
 */
public record ComplaintStats(Instant asOf, long complaintCount, long openCount, long resolvedCount,
    Duration meanFirstResponse, Duration meanResolution, Duration medianResolution, Duration meanFullResolution,
    long reopenedCount, List<BySeverity> bySeverity, Ratings ratings, FollowUps followUps) {

  public ComplaintStats {
    bySeverity = List.copyOf(bySeverity);
  }

  /** The figures of one severity. */
  public record BySeverity(ComplaintSeverity severity, Duration slaTarget, long complaintCount, long openCount,
      long slaJudgedCount, long withinSlaCount, OptionalDouble withinSlaPercent, Duration meanResolution,
      Duration medianResolution) {
  }

  /** The customers' resolution ratings, with the count of every rating from 0 to 10. */
  public record Ratings(long[] distribution) {

    public Ratings {
      distribution = distribution.clone();
    }

    @Override
    public long[] distribution() {
      return distribution.clone();
    }

    public long count() {
      long sum = 0;
      for (long c : distribution) {
        sum += c;
      }
      return sum;
    }

    public long wellHandledCount() {
      long sum = 0;
      for (int score = ComplaintLifecycle.WELL_HANDLED_RATING; score < distribution.length; score++) {
        sum += distribution[score];
      }
      return sum;
    }

    public OptionalDouble meanScore() {
      long total = count();
      if (total == 0) {
        return OptionalDouble.empty();
      }
      long sum = 0;
      for (int score = 0; score < distribution.length; score++) {
        sum += score * distribution[score];
      }
      return OptionalDouble.of((double) sum / total);
    }

    public OptionalDouble wellHandledPercent() {
      long total = count();
      return total == 0 ? OptionalDouble.empty() : OptionalDouble.of(wellHandledCount() * 100.0 / total);
    }
  }

  /** How the follow-up cases are being handled. */
  public record FollowUps(long count, long openCount, long closedCount, Duration oldestOpenAge,
      Duration meanClose, Duration medianClose, long escalatedCount) {
  }
}
