package cx.feedback.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What the complaint statistics need to know about one follow-up case, as of {@code version}.
 *
 * @param outcome null while open
 * @param closeDuration null while open
 */
public record FollowUpFacts(String followUpId, Channel channel, FollowUpState state, FollowUpOutcome outcome,
    Instant createTime, Duration closeDuration, long version) {

  /** The facts of a case as it is now. */
  public static FollowUpFacts of(FollowUp f) {
    return new FollowUpFacts(f.id(), f.channel(), f.state(), f.outcome(), f.createTime(),
        f.closeDuration().orElse(null), f.version());
  }

  /** The UTC day the case was opened, which the statistics are bucketed by. */
  public LocalDate openingDay() {
    return createTime.atOffset(ZoneOffset.UTC).toLocalDate();
  }
}
