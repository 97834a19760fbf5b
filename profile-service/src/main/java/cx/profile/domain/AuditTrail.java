package cx.profile.domain;

import cx.runtime.failure.InvalidArgumentException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The audit log of every profile: who changed what, when, why and under which rule. Every use
 * case that changes a profile's identities, merges, consents or privacy state records here,
 * with the change it describes.
 */
public final class AuditTrail implements ProfileAudit, PersonalDataPart {

  /** The longest reason kept, in characters. */
  public static final int MAX_REASON_LENGTH = 500;

  private static final Comparator<AuditEntry> NEWEST_FIRST =
      Comparator.comparing(AuditEntry::createTime).thenComparing(AuditEntry::id).reversed();

  private final AuditStore store;
  private final CustomerDirectory directory;
  private final Clock clock;

  public AuditTrail(AuditStore store, CustomerDirectory directory, Clock clock) {
    this.store = store;
    this.directory = directory;
    this.clock = clock;
  }

  /**
   * Records an entry on a customer now, under a new random id.
   *
   * @param reason why, as the caller gave it (at most {@link #MAX_REASON_LENGTH} characters); may be empty
   * @param rule the rule behind an automatic decision, or empty for a manual action
   */
  public AuditEntry record(String customerId, AuditAction action, Actor actor, String reason, String rule,
      AuditDetails details) {
    return write(RecordIds.random(), customerId, action, actor, reason, rule, details, now());
  }

  /**
   * Records an entry for an operation that may run more than once (a retried request, a repair
   * after a crash): the entry's id is derived from {@code operationKey}, so every run keeps the
   * one entry the first run wrote.
   */
  public AuditEntry recordOnce(String operationKey, String customerId, AuditAction action, Actor actor, String reason,
      String rule, AuditDetails details, Instant time) {
    return write(RecordIds.derived("audit", operationKey, customerId), customerId, action, actor, reason, rule,
        details, time.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Records an entry described in plain values, for use cases that keep their actor as a
   * subject string. The action is an {@link AuditAction} name, or {@code MERGE} / {@code UNMERGE};
   * a {@code merge} detail ({@code merges/{id}}) names the merge, and makes a repeated record of
   * the same action on the same merge keep one entry (a merge repaired after a crash records
   * again); {@code merged_customer} and {@code restored_customer} details name the other
   * customer; every other detail is kept as a fact. An empty actor or {@code system} is this
   * service itself; any other subject is taken as an agent.
   */
  @Override
  public void record(String customerId, String action, String actor, String reason, String rule,
      Map<String, String> details) {
    AuditAction auditAction = switch (action) {
      case "MERGE" -> AuditAction.CUSTOMERS_MERGED;
      case "UNMERGE" -> AuditAction.CUSTOMER_UNMERGED;
      default -> AuditAction.valueOf(action);
    };
    Actor who = actor == null || actor.isEmpty() || actor.equals("system")
        ? Actor.SYSTEM : new Actor(ActorRole.AGENT, actor);
    AuditDetails auditDetails = AuditDetails.NONE;
    Map<String, String> facts = new LinkedHashMap<>();
    List<String> related = new ArrayList<>();
    for (Map.Entry<String, String> detail : new TreeMap<>(details).entrySet()) {
      switch (detail.getKey()) {
        case "merge" -> auditDetails = auditDetails.withMerge(lastSegment(detail.getValue()));
        case "merged_customer", "restored_customer" -> related.add(lastSegment(detail.getValue()));
        default -> facts.put(detail.getKey(), detail.getValue());
      }
    }
    auditDetails = auditDetails.withRelatedCustomers(related).withFacts(facts);
    if (auditDetails.mergeId().isEmpty()) {
      record(customerId, auditAction, who, reason, rule, auditDetails);
    } else {
      recordOnce(auditAction + ":" + auditDetails.mergeId(), customerId, auditAction, who, reason, rule, auditDetails,
          now());
    }
  }

  private static String lastSegment(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private AuditEntry write(String id, String customerId, AuditAction action, Actor actor, String reason, String rule,
      AuditDetails details, Instant time) {
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      throw InvalidArgumentException.of("reason", "is longer than " + MAX_REASON_LENGTH + " characters");
    }
    AuditEntry entry = new AuditEntry(id, customerId, action, actor, reason, rule, details, time);
    store.append(entry);
    return entry;
  }

  /**
   * A page of a customer's audit log, including the entries recorded under ids merged into the
   * customer, newest first, ties broken by id.
   *
   * @param after the position of the last entry of the previous page, if any
   * @throws cx.runtime.failure.NotFoundException if the customer does not exist
   */
  public RecordPage<AuditEntry> list(String customerId, AuditFilter filter, Optional<RecordPosition> after,
      int limit) {
    ResolvedCustomer customer = directory.resolve(customerId);
    List<AuditEntry> matching = new ArrayList<>();
    for (AuditEntry entry : store.entriesOf(customer.allIds())) {
      if (filter.matches(entry) && after.map(p -> p.precedes(entry.createTime(), entry.id())).orElse(true)) {
        matching.add(entry);
      }
    }
    matching.sort(NEWEST_FIRST);
    return RecordPage.of(matching, limit);
  }

  /**
   * Every audit entry recorded on exactly these ids (no merged-id resolution), newest first: a
   * data-subject export's part.
   */
  public List<AuditEntry> entriesOf(Collection<String> customerIds) {
    return store.entriesOf(customerIds).stream().sorted(NEWEST_FIRST).toList();
  }

  /**
   * Keeps the customers' audit entries, as the record of what was done, but empties every
   * reason and identity value in them.
   */
  @Override
  public List<Disposition> erase(Set<String> customerIds, Instant now) {
    return List.of(new Disposition("audit_entry.personal_content", "REMOVED",
        store.clearPersonalContent(customerIds),
        "Reasons and identifier values removed from the audit log; the entries themselves are kept."));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
