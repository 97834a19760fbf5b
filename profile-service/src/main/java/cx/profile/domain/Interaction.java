package cx.profile.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded touchpoint between a customer and the business. Immutable once recorded.
 *
 * @param id derived from the external id, so that the store's unique key makes recording
 *     idempotent
 * @param customerId the id the interaction was recorded for, kept as given even when it was a
 *     merged id, so that an unmerge takes the interaction back with that id
 * @param content what the caller said about it
 * @param contentFingerprint the fingerprint of {@code content} when it was recorded
 * @param recordedBy the authenticated subject that recorded it
 * @param createTime when the service stored it
 */
public record Interaction(String id, String customerId, NewInteraction content, String contentFingerprint,
    String recordedBy, Instant createTime) {

  public Interaction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(contentFingerprint, "contentFingerprint");
    Objects.requireNonNull(createTime, "createTime");
    recordedBy = recordedBy == null ? "" : recordedBy;
  }

  /** The interaction's resource name. */
  public String name() {
    return "customers/" + customerId + "/interactions/" + id;
  }
}
