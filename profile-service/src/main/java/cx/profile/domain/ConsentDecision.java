package cx.profile.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's decision for one purpose on one channel, with its evidence.
 *
 * @param sourceChannel the channel (enum name without prefix, e.g. {@code WEB}) on which the
 *     customer decided
 * @param sourceDescription the capture point, e.g. "checkout opt-in checkbox v3"
 * @param recordedBy the authenticated subject that recorded it
 * @param decideTime when the customer decided; among decisions for one pair the latest wins
 * @param recordTime when the service stored it
 */
public record ConsentDecision(ConsentPurpose purpose, ConsentChannel channel, ConsentStatus status,
    String sourceChannel, String sourceDescription, String recordedBy, Instant decideTime, Instant recordTime) {

  public ConsentDecision {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(decideTime, "decideTime");
    Objects.requireNonNull(recordTime, "recordTime");
    sourceChannel = sourceChannel == null ? "" : sourceChannel;
    sourceDescription = sourceDescription == null ? "" : sourceDescription;
    recordedBy = recordedBy == null ? "" : recordedBy;
  }

  /** The (purpose, channel) pair the decision is for, as a stable key. */
  public String pair() {
    return pair(purpose, channel);
  }

  /** The key of a (purpose, channel) pair. */
  public static String pair(ConsentPurpose purpose, ConsentChannel channel) {
    return purpose.name() + ":" + channel.name();
  }

  /** The same decision as stored again at {@code now}. */
  public ConsentDecision recordedAt(Instant now) {
    return new ConsentDecision(purpose, channel, status, sourceChannel, sourceDescription, recordedBy, decideTime, now);
  }

  /** Whether both record the same decision, whenever each was stored. */
  public boolean sameDecisionAs(ConsentDecision other) {
    return other != null && purpose == other.purpose && channel == other.channel && status == other.status
        && sourceChannel.equals(other.sourceChannel) && sourceDescription.equals(other.sourceDescription)
        && recordedBy.equals(other.recordedBy) && decideTime.equals(other.decideTime);
  }
}
