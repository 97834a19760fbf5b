package cx.profile.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import cx.profile.domain.MergeCandidate;
import cx.profile.domain.MergeCandidateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Merge candidates in MongoDB, keyed by an id derived from their customer-id set, so that
 * repeated sightings of the same customers update one document with an atomic upsert.
 */
public final class MongoMergeCandidateStore implements MergeCandidateStore {

  private final MongoCollection<Document> candidates;

  public MongoMergeCandidateStore(MongoDatabase database) {
    this.candidates = database.getCollection("merge_candidates");
    candidates.createIndex(Indexes.descending("createTime"), new IndexOptions().name("newest_first"));
    candidates.createIndex(Indexes.ascending("customerIds"), new IndexOptions().name("by_customer"));
  }

  @Override
  public MergeCandidate sighted(String id, List<String> customerIds, List<String> linkingKeys, String channel,
      String rule, Instant now) {
    Document stored = candidates.findOneAndUpdate(Filters.eq("_id", id),
        Updates.combine(
            Updates.setOnInsert("customerIds", customerIds),
            Updates.setOnInsert("channel", channel),
            Updates.setOnInsert("rule", rule),
            Updates.setOnInsert("state", MergeCandidate.OPEN),
            Updates.setOnInsert("mergeId", ""),
            Updates.setOnInsert("resolvedBy", ""),
            Updates.setOnInsert("resolveReason", ""),
            Updates.setOnInsert("createTime", Date.from(now)),
            Updates.setOnInsert("version", 1L),
            Updates.addEachToSet("linkingKeys", linkingKeys),
            Updates.inc("sightingCount", 1),
            Updates.set("lastSightingTime", Date.from(now)),
            Updates.set("updateTime", Date.from(now))),
        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    return toCandidate(stored);
  }

  @Override
  public Optional<MergeCandidate> find(String id) {
    return Optional.ofNullable(candidates.find(Filters.eq("_id", id)).first()).map(MongoMergeCandidateStore::toCandidate);
  }

  @Override
  public boolean replace(MergeCandidate candidate, long expectedVersion) {
    return candidates.replaceOne(Filters.and(Filters.eq("_id", candidate.id()), Filters.eq("version", expectedVersion)),
        toDocument(candidate)).getModifiedCount() == 1;
  }

  @Override
  public long forgetLinks(String customerId) {
    // Erasure is rare: a scan over candidates is fine here; a real MongoDB uses a multikey index.
    return candidates.updateMany(Filters.and(Filters.eq("customerIds", customerId), Filters.ne("linkingKeys", List.of())),
        Updates.set("linkingKeys", List.of())).getModifiedCount();
  }

  @Override
  public List<MergeCandidate> list(String state, String afterId, int limit) {
    Bson filter = state.isEmpty() ? new Document() : Filters.eq("state", state);
    List<MergeCandidate> all = new ArrayList<>();
    candidates.find(filter).sort(Sorts.descending("createTime", "_id")).forEach(d -> all.add(toCandidate(d)));
    int start = 0;
    for (int i = 0; !afterId.isEmpty() && i < all.size(); i++) {
      if (all.get(i).id().equals(afterId)) {
        start = i + 1;
        break;
      }
    }
    return all.subList(Math.min(start, all.size()), Math.min(start + limit, all.size()));
  }

  private static Document toDocument(MergeCandidate c) {
    return new Document("_id", c.id())
        .append("customerIds", c.customerIds())
        .append("linkingKeys", c.linkingKeys())
        .append("channel", c.channel())
        .append("rule", c.rule())
        .append("sightingCount", c.sightingCount())
        .append("lastSightingTime", Date.from(c.lastSightingTime()))
        .append("state", c.state())
        .append("mergeId", c.mergeId())
        .append("resolvedBy", c.resolvedBy())
        .append("resolveReason", c.resolveReason())
        .append("createTime", Date.from(c.createTime()))
        .append("updateTime", Date.from(c.updateTime()))
        .append("version", c.version());
  }

  private static MergeCandidate toCandidate(Document d) {
    return new MergeCandidate(d.getString("_id"), d.getList("customerIds", String.class),
        d.getList("linkingKeys", String.class, List.of()), d.getString("channel"), d.getString("rule"),
        d.getInteger("sightingCount", 1), d.getDate("lastSightingTime").toInstant(), d.getString("state"),
        d.getString("mergeId"), d.getString("resolvedBy"), d.getString("resolveReason"),
        d.getDate("createTime").toInstant(), d.getDate("updateTime").toInstant(),
        d.get("version", Number.class).longValue());
  }
}
