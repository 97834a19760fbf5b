package cx.profile.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a customer's audit log: who did what to the profile, when, why and under which
 * rule. Entries are appended with the change they describe and never changed.
 *
 * @param id the entry's id: random, or derived from the operation it records when that
 *     operation may be repeated
 * @param customerId the profile the entry was recorded on
 * @param reason why, as the caller gave it; may be empty
 * @param rule the rule behind an automatic decision, e.g. {@code identify.verified_link}; empty
 *     for manual actions
 */
public record AuditEntry(String id, String customerId, AuditAction action, Actor actor, String reason, String rule,
    AuditDetails details, Instant createTime) {

  public AuditEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(createTime, "createTime");
    reason = reason == null ? "" : reason;
    rule = rule == null ? "" : rule;
    details = details == null ? AuditDetails.NONE : details;
  }
}
