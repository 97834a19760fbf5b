package cx.feedback.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What the complaint statistics need to know about one complaint, without any personal text:
 * its dimensions, its state and its handling times as of {@code version}.
 *
 * @param firstResponseDuration null until an agent responded
 * @param resolutionDuration time to first resolution; null until resolved
 * @param fullResolutionDuration time to the latest resolution; null until resolved
 * @param ratingScore the current resolution rating, or null
 */
public record ComplaintFacts(String complaintId, Channel channel, ComplaintCategory category,
    ComplaintSeverity severity, ComplaintState state, Instant createTime, Duration firstResponseDuration,
    Duration resolutionDuration, Duration fullResolutionDuration, int reopenCount, Integer ratingScore,
    long version) {

  /** The facts of a complaint as it is now. */
  public static ComplaintFacts of(Complaint c) {
    return new ComplaintFacts(c.id(), c.channel(), c.category(), c.severity(), c.state(), c.createTime(),
        c.firstResponseDuration().orElse(null), c.resolutionDuration().orElse(null),
        c.fullResolutionDuration().orElse(null), c.reopenCount(),
        c.resolutionRating() == null ? null : c.resolutionRating().score(), c.version());
  }

  /** The UTC day the complaint was filed, which the statistics are bucketed by. */
  public LocalDate filingDay() {
    return createTime.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  /** Not yet resolved: OPEN, ACKNOWLEDGED or IN_PROGRESS. */
  public boolean isUnresolved() {
    return state == ComplaintState.OPEN || state == ComplaintState.ACKNOWLEDGED
        || state == ComplaintState.IN_PROGRESS;
  }
}
