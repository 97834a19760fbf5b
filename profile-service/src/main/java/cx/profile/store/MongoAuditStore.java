package cx.profile.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import cx.profile.domain.Actor;
import cx.profile.domain.ActorRole;
import cx.profile.domain.AuditAction;
import cx.profile.domain.AuditDetails;
import cx.profile.domain.AuditEntry;
import cx.profile.domain.AuditStore;
import cx.profile.domain.Identity;
import cx.profile.domain.IdentityType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The audit log in MongoDB, append-only.
 *
 * <p>{@code audit_entries} holds one document per entry, keyed by its id. {@code audit_refs}
 * holds one reference list per customer, keyed by the customer id, naming its entries; a
 * customer's log is read by key: the list, then one {@code $in}. The reference is added
 * (idempotently, with {@code $addToSet}) before the entry is stored, so an entry is never
 * stored unreachable; a reference whose entry is missing (a crash in between) is skipped.
 */
public final class MongoAuditStore implements AuditStore {

  private static final int KEYS_PER_QUERY = 1000;

  private final MongoCollection<Document> entries;
  private final MongoCollection<Document> refs;

  public MongoAuditStore(MongoDatabase database) {
    this.entries = database.getCollection("audit_entries");
    this.refs = database.getCollection("audit_refs");
  }

  @Override
  public void append(AuditEntry entry) {
    refs.updateOne(Filters.eq("_id", entry.customerId()), Updates.addToSet("entryIds", entry.id()),
        new UpdateOptions().upsert(true));
    try {
      entries.insertOne(toDocument(entry));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }

  @Override
  public List<AuditEntry> entriesOf(Collection<String> customerIds) {
    List<String> ids = new ArrayList<>();
    refs.find(Filters.in("_id", List.copyOf(customerIds)))
        .forEach(ref -> ids.addAll(ref.getList("entryIds", String.class, List.of())));
    List<AuditEntry> found = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += KEYS_PER_QUERY) {
      entries.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + KEYS_PER_QUERY))))
          .forEach(d -> found.add(toEntry(d)));
    }
    return found;
  }

  @Override
  public long clearPersonalContent(Collection<String> customerIds) {
    long cleared = 0;
    for (AuditEntry entry : entriesOf(customerIds)) {
      boolean personal = !entry.reason().isEmpty()
          || entry.details().identities().stream().anyMatch(i -> !i.value().isEmpty());
      if (!personal) {
        continue;
      }
      List<Identity> typesOnly = entry.details().identities().stream()
          .map(i -> new Identity(i.type(), "", "", "", false, "", i.createTime())).toList();
      AuditEntry scrubbed = new AuditEntry(entry.id(), entry.customerId(), entry.action(), entry.actor(), "",
          entry.rule(), entry.details().withIdentities(typesOnly), entry.createTime());
      entries.replaceOne(Filters.eq("_id", entry.id()), toDocument(scrubbed));
      cleared++;
    }
    return cleared;
  }

  private static Document toDocument(AuditEntry entry) {
    AuditDetails details = entry.details();
    List<Document> identities = new ArrayList<>();
    for (Identity identity : details.identities()) {
      identities.add(new Document("type", identity.type().name())
          .append("value", identity.value())
          .append("network", identity.network())
          .append("system", identity.system())
          .append("verified", identity.verified())
          .append("firstSeenChannel", identity.firstSeenChannel())
          .append("createTime", Date.from(identity.createTime())));
    }
    // Fact keys are stored as pairs, so that no caller-chosen text ever becomes a field path.
    List<Document> facts = new ArrayList<>();
    details.facts().forEach((k, v) -> facts.add(new Document("key", k).append("value", v)));
    return new Document("_id", entry.id())
        .append("customerId", entry.customerId())
        .append("action", entry.action().name())
        .append("actorRole", entry.actor().role().name())
        .append("actorSubject", entry.actor().subject())
        .append("reason", entry.reason())
        .append("rule", entry.rule())
        .append("relatedCustomerIds", details.relatedCustomerIds())
        .append("identities", identities)
        .append("mergeId", details.mergeId())
        .append("mergeCandidateId", details.mergeCandidateId())
        .append("privacyRequestId", details.privacyRequestId())
        .append("facts", facts)
        .append("createTime", Date.from(entry.createTime()));
  }

  private static AuditEntry toEntry(Document d) {
    List<Identity> identities = new ArrayList<>();
    for (Document i : d.getList("identities", Document.class, List.of())) {
      identities.add(new Identity(IdentityType.valueOf(i.getString("type")), i.getString("value"),
          i.getString("network"), i.getString("system"), i.getBoolean("verified", false),
          i.getString("firstSeenChannel"), i.getDate("createTime").toInstant()));
    }
    Map<String, String> facts = new LinkedHashMap<>();
    for (Document fact : d.getList("facts", Document.class, List.of())) {
      facts.put(fact.getString("key"), fact.getString("value"));
    }
    return new AuditEntry(d.getString("_id"), d.getString("customerId"), AuditAction.valueOf(d.getString("action")),
        new Actor(ActorRole.valueOf(d.getString("actorRole")), d.getString("actorSubject")), d.getString("reason"),
        d.getString("rule"),
        new AuditDetails(d.getList("relatedCustomerIds", String.class, List.of()), identities,
            d.getString("mergeId"), d.getString("mergeCandidateId"), d.getString("privacyRequestId"), facts),
        d.getDate("createTime").toInstant());
  }
}
