package cx.profile.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import cx.profile.domain.Attributes;
import cx.profile.domain.Customer;
import cx.profile.domain.CustomerState;
import cx.profile.domain.MergePlan;
import cx.profile.domain.MergeRecord;
import cx.profile.domain.MergeJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Merge records in MongoDB, one document per merge keyed by its id, holding both profiles as
 * they were before it. Listing a customer's merges and finding unfinished ones scan (rare,
 * agent-facing and start-up work); indexes serve them on a real MongoDB.
 */
public final class MongoMergeJournal implements MergeJournal {

  private final MongoCollection<Document> merges;

  public MongoMergeJournal(MongoDatabase database) {
    this.merges = database.getCollection("merges");
    merges.createIndex(Indexes.ascending("survivorId"), new IndexOptions().name("by_survivor"));
    merges.createIndex(Indexes.ascending("mergedId"), new IndexOptions().name("by_merged"));
    merges.createIndex(Indexes.ascending("state"), new IndexOptions().name("by_state"));
  }

  @Override
  public void insertIfAbsent(MergeRecord record) {
    try {
      merges.insertOne(toDocument(record));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }

  @Override
  public Optional<MergeRecord> find(String id) {
    return Optional.ofNullable(merges.find(Filters.eq("_id", id)).first()).map(MongoMergeJournal::toRecord);
  }

  @Override
  public boolean transition(MergeRecord updated, String fromState) {
    return merges.replaceOne(Filters.and(Filters.eq("_id", updated.id()), Filters.eq("state", fromState)),
        toDocument(updated)).getModifiedCount() == 1;
  }

  @Override
  public List<MergeRecord> listFor(String customerId, String afterId, int limit) {
    Bson involved = Filters.or(Filters.eq("survivorId", customerId), Filters.eq("mergedId", customerId));
    List<MergeRecord> all = new ArrayList<>();
    merges.find(involved).sort(Sorts.descending("createTime", "_id")).forEach(d -> all.add(toRecord(d)));
    int start = 0;
    if (!afterId.isEmpty()) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).id().equals(afterId)) {
          start = i + 1;
          break;
        }
      }
    }
    return all.subList(Math.min(start, all.size()), Math.min(start + limit, all.size()));
  }

  @Override
  public Optional<MergeRecord> latestCompletedFor(String mergedId) {
    return Optional.ofNullable(merges.find(Filters.and(Filters.eq("mergedId", mergedId),
            Filters.eq("state", MergeRecord.COMPLETED))).sort(Sorts.descending("createTime")).first())
        .map(MongoMergeJournal::toRecord);
  }

  @Override
  public boolean pseudonymise(String id) {
    Optional<MergeRecord> found = find(id);
    if (found.isEmpty() || found.get().reason().equals(ERASED)) {
      return false;
    }
    MergeRecord r = found.get();
    MergeRecord stripped = new MergeRecord(r.id(), r.survivorId(), r.mergedId(), r.trigger(), r.rule(), r.actor(),
        ERASED, r.candidateId(), r.state(), tombstone(r.survivorBefore()), tombstone(r.mergedBefore()), List.of(),
        r.createTime(), r.completeTime(), r.unmergedBy(), r.unmergeReason().isEmpty() ? "" : ERASED, r.unmergeTime());
    merges.replaceOne(Filters.eq("_id", id), toDocument(stripped));
    return true;
  }

  private static final String ERASED = "(erased)";

  private static Customer tombstone(Customer c) {
    return new Customer(c.id(), "", "", "", Attributes.NONE, Map.of(), List.of(), CustomerState.ERASED, c.mergedInto(),
        c.mergedIds(), "", c.createTime(), c.updateTime(), c.version());
  }

  @Override
  public List<MergeRecord> unfinished() {
    List<MergeRecord> found = new ArrayList<>();
    merges.find(Filters.in("state", MergeRecord.IN_PROGRESS, MergeRecord.UNMERGE_IN_PROGRESS))
        .forEach(d -> found.add(toRecord(d)));
    return found;
  }

  private static Document toDocument(MergeRecord r) {
    List<Document> resolutions = new ArrayList<>();
    for (MergePlan.AttributeResolution a : r.resolutions()) {
      resolutions.add(new Document("path", a.path()).append("mergedWins", a.mergedWins())
          .append("survivorValue", a.survivorValue()).append("mergedValue", a.mergedValue())
          .append("survivorTime", Date.from(a.survivorTime())).append("mergedTime", Date.from(a.mergedTime())));
    }
    return new Document("_id", r.id())
        .append("survivorId", r.survivorId())
        .append("mergedId", r.mergedId())
        .append("trigger", r.trigger())
        .append("rule", r.rule())
        .append("actor", r.actor())
        .append("reason", r.reason())
        .append("candidateId", r.candidateId())
        .append("state", r.state())
        .append("survivorBefore", MongoCustomerStore.toDocument(r.survivorBefore()))
        .append("mergedBefore", MongoCustomerStore.toDocument(r.mergedBefore()))
        .append("resolutions", resolutions)
        .append("createTime", date(r.createTime()))
        .append("completeTime", date(r.completeTime()))
        .append("unmergedBy", r.unmergedBy())
        .append("unmergeReason", r.unmergeReason())
        .append("unmergeTime", date(r.unmergeTime()));
  }

  private static MergeRecord toRecord(Document d) {
    List<MergePlan.AttributeResolution> resolutions = new ArrayList<>();
    for (Document a : d.getList("resolutions", Document.class, List.of())) {
      resolutions.add(new MergePlan.AttributeResolution(a.getString("path"), a.getBoolean("mergedWins"),
          a.getString("survivorValue"), a.getString("mergedValue"), a.getDate("survivorTime").toInstant(),
          a.getDate("mergedTime").toInstant()));
    }
    return new MergeRecord(d.getString("_id"), d.getString("survivorId"), d.getString("mergedId"),
        d.getString("trigger"), d.getString("rule"), d.getString("actor"), d.getString("reason"),
        d.getString("candidateId"), d.getString("state"),
        MongoCustomerStore.toCustomer(d.get("survivorBefore", Document.class)),
        MongoCustomerStore.toCustomer(d.get("mergedBefore", Document.class)), resolutions,
        instant(d.getDate("createTime")), instant(d.getDate("completeTime")), d.getString("unmergedBy"),
        d.getString("unmergeReason"), instant(d.getDate("unmergeTime")));
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
