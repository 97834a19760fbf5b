package cx.feedback.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A complaint with its lifecycle, its customer-visible history, and the moments its handling
 * times are measured from. Changes go through {@link ComplaintLifecycle}.
 *
 * @param id the server-generated id; the resource name is
 *     {@code customers/{customerId}/complaints/{id}}
 * @param followUpId the follow-up case it was escalated from, or empty
 * @param resolveByTime filing time plus the resolution target of the severity
 * @param firstResponseTime the first update by an agent or administrator after filing; null
 *     until then
 * @param firstResolveTime the first move to RESOLVED; null until then, kept across reopens
 * @param lastResolveTime the latest move to RESOLVED; null until the first
 * @param closeTime null until closed
 * @param resolutionRating the rating of the current resolution, or null
 * @param version increases with every change; a change based on another version is refused
 */
public record Complaint(String id, String customerId, Channel channel, ComplaintCategory category,
    ComplaintSeverity severity, String description, List<LinkedRecord> relatedRecords, ComplaintState state,
    List<ComplaintUpdate> updates, Actor filedBy, Instant resolveByTime, Instant firstResponseTime,
    Instant firstResolveTime, Instant lastResolveTime, int reopenCount, Instant closeTime,
    ResolutionRating resolutionRating, String followUpId, long version, Instant createTime, Instant updateTime) {

  public Complaint {
    relatedRecords = List.copyOf(relatedRecords);
    updates = List.copyOf(updates);
  }

  /** A complaint just filed: OPEN, with its "filed" update as the first in its history. */
  public static Complaint file(String id, NewComplaint complaint, Actor filedBy, Duration resolutionTarget,
      Instant now) {
    ComplaintUpdate filed = new ComplaintUpdate("1", ComplaintUpdateKind.FILED, ComplaintState.OPEN,
        ComplaintState.OPEN, filedBy, "", now);
    return new Complaint(id, complaint.customerId(), complaint.channel(), complaint.category(), complaint.severity(),
        complaint.description(), complaint.relatedRecords(), ComplaintState.OPEN, List.of(filed), filedBy,
        now.plus(resolutionTarget), null, null, null, 0, null, null, complaint.followUpId(), 1, now, now);
  }

  /** The complaint's resource name. */
  public String name() {
    return "customers/" + customerId + "/complaints/" + id;
  }

  /** First response time: from filing to the first update by an agent or administrator. */
  public Optional<Duration> firstResponseDuration() {
    return since(firstResponseTime);
  }

  /** Time to resolution (TTR): from filing to the first resolution; a reopen does not change it. */
  public Optional<Duration> resolutionDuration() {
    return since(firstResolveTime);
  }

  /** Full resolution time: from filing to the latest resolution, across every reopen. */
  public Optional<Duration> fullResolutionDuration() {
    return since(lastResolveTime);
  }

  private Optional<Duration> since(Instant moment) {
    return Optional.ofNullable(moment).map(m -> Duration.between(createTime, m));
  }
}
