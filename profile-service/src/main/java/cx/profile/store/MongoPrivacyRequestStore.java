package cx.profile.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import cx.profile.domain.Actor;
import cx.profile.domain.ActorRole;
import cx.profile.domain.PersonalDataPart;
import cx.profile.domain.PlatformService;
import cx.profile.domain.PrivacyRequest;
import cx.profile.domain.PrivacyRequestFilter;
import cx.profile.domain.PrivacyRequestState;
import cx.profile.domain.PrivacyRequestStore;
import cx.profile.domain.PrivacyRequestType;
import cx.profile.domain.ReceiptState;
import cx.profile.domain.RecordPosition;
import cx.profile.domain.ServiceReceipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Privacy requests in MongoDB.
 *
 * <ul>
 *   <li>{@code privacy_requests}: one document per request, keyed by its id, receipts inside;
 *       changed only by a replace that names the version it read.
 *   <li>{@code privacy_claims}: one document per customer and kind ({@code ERASURE:k3j9x2m8}),
 *       keyed by that, naming the request that holds it; the unique {@code _id} makes the claim
 *       atomic.
 *   <li>{@code privacy_refs}: one reference list per customer, keyed by the customer id.
 *   <li>{@code privacy_queue}: one document per request a worker still has to look at, keyed by
 *       its id, with the time it is due. It holds only open requests and exports awaiting
 *       deletion, so the worker's scan of it stays small however many requests are kept.
 * </ul>
 *
 * Reads on the hot paths are by {@code _id}; the admin listing and the start-up scan of open
 * requests scan {@code privacy_requests}, which the indexes serve on a real MongoDB.
 */
public final class MongoPrivacyRequestStore implements PrivacyRequestStore {

  private final MongoCollection<Document> requests;
  private final MongoCollection<Document> claims;
  private final MongoCollection<Document> refs;
  private final MongoCollection<Document> queue;

  public MongoPrivacyRequestStore(MongoDatabase database) {
    this.requests = database.getCollection("privacy_requests");
    this.claims = database.getCollection("privacy_claims");
    this.refs = database.getCollection("privacy_refs");
    this.queue = database.getCollection("privacy_queue");
    requests.createIndex(Indexes.ascending("state"), new IndexOptions().name("by_state"));
    requests.createIndex(Indexes.descending("createTime", "_id"), new IndexOptions().name("newest_first"));
    queue.createIndex(Indexes.ascending("due"), new IndexOptions().name("by_due"));
  }

  @Override
  public Optional<PrivacyRequest> find(String id) {
    return Optional.ofNullable(requests.find(Filters.eq("_id", id)).first()).map(MongoPrivacyRequestStore::toRequest);
  }

  @Override
  public void insertIfAbsent(PrivacyRequest request) {
    insertIgnoringDuplicate(requests, toDocument(request));
  }

  @Override
  public boolean replace(PrivacyRequest updated, long expectedVersion) {
    return requests.replaceOne(Filters.and(Filters.eq("_id", updated.id()), Filters.eq("version", expectedVersion)),
        toDocument(updated)).getMatchedCount() == 1;
  }

  @Override
  public String claim(String openKey, String requestId) {
    insertIgnoringDuplicate(claims, new Document("_id", openKey).append("requestId", requestId));
    Document holder = claims.find(Filters.eq("_id", openKey)).first();
    // Released between the insert and the read: claim again.
    return holder == null ? claim(openKey, requestId) : holder.getString("requestId");
  }

  @Override
  public void release(String openKey, String requestId) {
    claims.deleteOne(Filters.and(Filters.eq("_id", openKey), Filters.eq("requestId", requestId)));
  }

  @Override
  public void listUnder(String customerId, String requestId) {
    refs.updateOne(Filters.eq("_id", customerId), Updates.addToSet("requestIds", requestId),
        new UpdateOptions().upsert(true));
  }

  @Override
  public List<PrivacyRequest> ofCustomer(String customerId) {
    Document list = refs.find(Filters.eq("_id", customerId)).first();
    List<PrivacyRequest> found = new ArrayList<>();
    if (list != null) {
      requests.find(Filters.in("_id", list.getList("requestIds", String.class, List.of())))
          .forEach(d -> found.add(toRequest(d)));
    }
    return found;
  }

  @Override
  public List<PrivacyRequest> list(PrivacyRequestFilter filter, Optional<RecordPosition> after, int limit) {
    List<Bson> conditions = new ArrayList<>();
    filter.type().ifPresent(t -> conditions.add(Filters.eq("type", t.name())));
    if (!filter.states().isEmpty()) {
      conditions.add(Filters.in("state", filter.states().stream().map(Enum::name).toList()));
    }
    after.ifPresent(p -> conditions.add(Filters.or(Filters.lt("createTime", Date.from(p.time())),
        Filters.and(Filters.eq("createTime", Date.from(p.time())), Filters.lt("_id", p.id())))));
    Bson query = conditions.isEmpty() ? new Document() : Filters.and(conditions);
    List<PrivacyRequest> found = new ArrayList<>();
    requests.find(query).sort(Sorts.descending("createTime", "_id")).limit(limit).forEach(d -> found.add(toRequest(d)));
    return found;
  }

  @Override
  public List<PrivacyRequest> inProgress() {
    List<PrivacyRequest> found = new ArrayList<>();
    requests.find(Filters.eq("state", PrivacyRequestState.IN_PROGRESS.name())).forEach(d -> found.add(toRequest(d)));
    return found;
  }

  @Override
  public void schedule(String requestId, Instant due) {
    queue.replaceOne(Filters.eq("_id", requestId), new Document("_id", requestId).append("due", Date.from(due)),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public void unschedule(String requestId) {
    queue.deleteOne(Filters.eq("_id", requestId));
  }

  @Override
  public List<String> due(Instant now, int limit) {
    List<String> ids = new ArrayList<>();
    queue.find(Filters.lte("due", Date.from(now))).sort(Sorts.ascending("due", "_id")).limit(limit)
        .forEach(d -> ids.add(d.getString("_id")));
    return ids;
  }

  private static void insertIgnoringDuplicate(MongoCollection<Document> collection, Document document) {
    try {
      collection.insertOne(document);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }

  private static Document toDocument(PrivacyRequest r) {
    List<Document> receipts = new ArrayList<>();
    for (ServiceReceipt receipt : r.receipts()) {
      List<Document> lines = new ArrayList<>();
      for (PersonalDataPart.Disposition d : receipt.dispositions()) {
        lines.add(new Document("recordType", d.recordType()).append("action", d.action()).append("count", d.count())
            .append("description", d.description()).append("retentionReason", d.retentionReason())
            .append("retainUntil", date(d.retainUntil())));
      }
      receipts.add(new Document("service", receipt.service().name())
          .append("state", receipt.state().name())
          .append("attemptCount", receipt.attemptCount())
          .append("lastAttemptTime", date(receipt.lastAttemptTime()))
          .append("lastError", receipt.lastError())
          .append("completeTime", date(receipt.completeTime()))
          .append("dispositions", lines)
          .append("exportPages", receipt.exportPages())
          .append("nextAttemptTime", date(receipt.nextAttemptTime())));
    }
    return new Document("_id", r.id())
        .append("type", r.type().name())
        .append("customerId", r.customerId())
        .append("customerIds", r.customerIds())
        .append("state", r.state().name())
        .append("receipts", receipts)
        .append("requesterRole", r.requester().role().name())
        .append("requesterSubject", r.requester().subject())
        .append("reason", r.reason())
        .append("createTime", date(r.createTime()))
        .append("updateTime", date(r.updateTime()))
        .append("completeTime", date(r.completeTime()))
        .append("exportExpireTime", date(r.exportExpireTime()))
        .append("version", r.version());
  }

  private static PrivacyRequest toRequest(Document d) {
    List<ServiceReceipt> receipts = new ArrayList<>();
    for (Document receipt : d.getList("receipts", Document.class)) {
      List<PersonalDataPart.Disposition> lines = new ArrayList<>();
      for (Document line : receipt.getList("dispositions", Document.class, List.of())) {
        lines.add(new PersonalDataPart.Disposition(line.getString("recordType"), line.getString("action"),
            line.get("count", Number.class).longValue(), line.getString("description"),
            line.getString("retentionReason"), instant(line.getDate("retainUntil"))));
      }
      receipts.add(new ServiceReceipt(PlatformService.valueOf(receipt.getString("service")),
          ReceiptState.valueOf(receipt.getString("state")), receipt.getInteger("attemptCount"),
          instant(receipt.getDate("lastAttemptTime")), receipt.getString("lastError"),
          instant(receipt.getDate("completeTime")), lines, receipt.getInteger("exportPages"),
          instant(receipt.getDate("nextAttemptTime"))));
    }
    return new PrivacyRequest(d.getString("_id"), PrivacyRequestType.valueOf(d.getString("type")),
        d.getString("customerId"), d.getList("customerIds", String.class),
        PrivacyRequestState.valueOf(d.getString("state")), receipts,
        new Actor(ActorRole.valueOf(d.getString("requesterRole")), d.getString("requesterSubject")),
        d.getString("reason"), instant(d.getDate("createTime")), instant(d.getDate("updateTime")),
        instant(d.getDate("completeTime")), instant(d.getDate("exportExpireTime")),
        d.get("version", Number.class).longValue());
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
