package cx.feedback.store;

import static cx.feedback.store.DocumentFields.number;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The latest facts of records (complaints, follow-up cases) by the UTC day each was created on,
 * in the bucket pattern: a day's facts fill bucket documents of at most about
 * {@link #BUCKET_SIZE} records each, so a record is never slower to keep because its day is busy.
 *
 * <ul>
 *   <li>{@code <prefix>_by_day}: the buckets, {@code _id} = {@code day#n}, holding under
 *       {@code facts.{id}} each record's latest facts with their version. A day's documents
 *       from an earlier version ({@code _id} = the day alone, holding the whole day) are read
 *       too.</li>
 *   <li>{@code <prefix>_days}: one document per day, {@code _id} = the day, naming the bucket new
 *       records go to.</li>
 *   <li>{@code <prefix>_slots}: one small document per record, {@code _id} = its id, naming its
 *       day and bucket, so that every later version of a record goes to the same bucket.</li>
 * </ul>
 *
 * Keeping facts is a conditional {@code $set} that only a newer version passes, so a repeated
 * or late write never undoes a newer one; a record whose slot was taken but whose facts a crash
 * kept from their bucket is completed by its next write. Many records are kept in a few writes
 * for all of them.
 */
final class DailyFactBuckets {

  /** Records per bucket before new ones go to the next (a few more under concurrent writers). */
  static final int BUCKET_SIZE = 200;
  private static final int IDS_PER_READ = 1_000;
  private static final String FACTS = "facts";

  private final MongoCollection<Document> buckets;
  private final MongoCollection<Document> days;
  private final MongoCollection<Document> slots;

  DailyFactBuckets(MongoDatabase database, String prefix) {
    this.buckets = database.getCollection(prefix + "_by_day");
    this.days = database.getCollection(prefix + "_days");
    this.slots = database.getCollection(prefix + "_slots");
  }

  /**
   * Keeps a record's facts as of {@code version}, unless a newer version is kept already.
   *
   * @param firstVersion whether this is the record's first version, which has no slot yet
   *     unless an earlier attempt to keep it took one
   */
  void keep(LocalDate day, String id, long version, boolean firstVersion, Document facts) {
    keepAll(List.of(new Fact(day, id, version, firstVersion, facts)));
  }

  /** One record's facts to keep, as {@link #keep} takes them. */
  record Fact(LocalDate day, String id, long version, boolean firstVersion, Document facts) {
  }

  /**
   * Keeps each record's facts as {@link #keep} would, in a few writes for all of them: the heads
   * of their days, their slots, one bulk write into the buckets, and a look at the buckets'
   * sizes.
   */
  void keepAll(List<Fact> facts) {
    if (facts.isEmpty()) {
      return;
    }
    Map<String, Slot> slotOf = slots(facts);
    // Records given their slot just now have no facts in their bucket yet: one write per bucket
    // sets them all, on condition that none is there. Should one be there after all (a racing
    // write), that bucket's records are written one by one, each on its own condition.
    Map<String, List<Fact>> newByBucket = new LinkedHashMap<>();
    List<Fact> oneByOne = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Fact f : facts) {
      Slot slot = slotOf.get(f.id());
      if (slot.isNew() && seen.add(f.id())) {
        newByBucket.computeIfAbsent(slot.bucketId(), b -> new ArrayList<>()).add(f);
      } else {
        oneByOne.add(f);
      }
    }
    List<WriteModel<Document>> grouped = new ArrayList<>();
    List<List<Fact>> groups = new ArrayList<>();
    newByBucket.forEach((bucketId, group) -> {
      List<Bson> absent = new ArrayList<>();
      List<Bson> sets = new ArrayList<>();
      for (Fact f : group) {
        absent.add(Filters.exists(FACTS + "." + f.id() + ".version", false));
        sets.add(Updates.set(FACTS + "." + f.id(), new Document(f.facts()).append("version", f.version())));
      }
      sets.add(Updates.inc("count", group.size()));
      grouped.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", bucketId), Filters.and(absent)),
          Updates.combine(sets), new UpdateOptions().upsert(true)));
      groups.add(group);
    });
    // A new record's place in its bucket's count is taken once: by its group, or else by its
    // first write of its own.
    Set<String> counted = new HashSet<>(seen);
    for (int failed : writeCollidingOnes(grouped)) {
      List<Fact> group = groups.get(failed);
      oneByOne.addAll(group);
      group.forEach(f -> counted.remove(f.id()));
    }
    List<WriteModel<Document>> writes = new ArrayList<>();
    for (Fact f : oneByOne) {
      Slot slot = slotOf.get(f.id());
      String path = FACTS + "." + f.id();
      writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", slot.bucketId()),
              Filters.or(Filters.exists(path + ".version", false), Filters.lt(path + ".version", f.version()))),
          Updates.combine(Updates.set(path, new Document(f.facts()).append("version", f.version())),
              Updates.inc("count", slot.isNew() && counted.add(f.id()) ? 1 : 0)),
          new UpdateOptions().upsert(true)));
    }
    // A write that finds no bucket to update inserts one, which collides when the bucket exists:
    // either it holds this version or a newer one (nothing to do), or another writer created the
    // bucket a moment ago, which the second round finds.
    List<WriteModel<Document>> pending = writes;
    for (int round = 0; round < 2 && !pending.isEmpty(); round++) {
      List<WriteModel<Document>> attempt = pending;
      pending = writeCollidingOnes(attempt).stream().map(attempt::get).toList();
    }
    Set<String> filled = new LinkedHashSet<>();
    slotOf.values().stream().filter(Slot::isNew).forEach(slot -> filled.add(slot.bucketId()));
    if (filled.isEmpty()) {
      return;
    }
    for (Document bucket : buckets.find(Filters.in("_id", List.copyOf(filled))).projection(new Document("count", 1))) {
      if (number(bucket, "count") >= BUCKET_SIZE) {
        String bucketId = bucket.getString("_id");
        int hash = bucketId.lastIndexOf('#');
        days.updateOne(Filters.and(Filters.eq("_id", bucketId.substring(0, hash)),
            Filters.eq("bucket", Integer.parseInt(bucketId.substring(hash + 1)))), Updates.inc("bucket", 1));
      }
    }
  }

  /**
   * Every fact's slot: the one its record has, or one taken now in the current bucket of its day
   * for a record that has none.
   */
  private Map<String, Slot> slots(List<Fact> facts) {
    Map<String, Slot> slotOf = new HashMap<>();
    List<String> later = facts.stream().filter(f -> !f.firstVersion()).map(Fact::id).distinct().toList();
    if (!later.isEmpty()) {
      slots.find(Filters.in("_id", later)).forEach(s -> slotOf.put(s.getString("_id"),
          new Slot(s.getString("day"), s.getInteger("bucket"), false)));
    }
    List<Fact> unslotted = facts.stream().filter(f -> !slotOf.containsKey(f.id())).toList();
    if (unslotted.isEmpty()) {
      return slotOf;
    }
    Map<String, Integer> currentBucket = new HashMap<>();
    for (String day : unslotted.stream().map(f -> f.day().toString()).distinct().toList()) {
      currentBucket.put(day, days.findOneAndUpdate(Filters.eq("_id", day), Updates.setOnInsert("bucket", 0),
          new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)).getInteger("bucket"));
    }
    List<Document> taken = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Fact f : unslotted) {
      if (seen.add(f.id())) {
        taken.add(new Document("_id", f.id()).append("day", f.day().toString())
            .append("bucket", currentBucket.get(f.day().toString())));
      }
    }
    Set<Object> stored = DocumentFields.insertAllIfAbsent(slots, taken);
    List<String> takenBefore = new ArrayList<>();
    for (Document slot : taken) {
      if (stored.contains(slot.get("_id"))) {
        slotOf.put(slot.getString("_id"), new Slot(slot.getString("day"), slot.getInteger("bucket"), true));
      } else {
        takenBefore.add(slot.getString("_id"));
      }
    }
    if (!takenBefore.isEmpty()) {
      slots.find(Filters.in("_id", takenBefore)).forEach(s -> slotOf.put(s.getString("_id"),
          new Slot(s.getString("day"), s.getInteger("bucket"), false)));
    }
    return slotOf;
  }

  /** Writes in one bulk; the positions of the writes that collided with an existing document. */
  private List<Integer> writeCollidingOnes(List<WriteModel<Document>> writes) {
    if (writes.isEmpty()) {
      return List.of();
    }
    try {
      buckets.bulkWrite(writes, new BulkWriteOptions().ordered(false));
      return List.of();
    } catch (MongoBulkWriteException e) {
      List<Integer> colliding = new ArrayList<>();
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        colliding.add(error.getIndex());
      }
      return colliding;
    }
  }

  /** Every record created on these days, with its latest facts. */
  Map<String, Document> createdOn(Collection<LocalDate> wanted) {
    List<String> ids = new ArrayList<>();
    List<String> dayIds = wanted.stream().map(LocalDate::toString).toList();
    Map<String, Integer> lastBucket = new HashMap<>();
    for (int from = 0; from < dayIds.size(); from += IDS_PER_READ) {
      for (Document day : days.find(Filters.in("_id", dayIds.subList(from, Math.min(dayIds.size(), from + IDS_PER_READ))))) {
        lastBucket.put(day.getString("_id"), day.getInteger("bucket", 0));
      }
    }
    for (String day : dayIds) {
      // The day's own document, where an earlier version kept the whole day.
      ids.add(day);
      if (lastBucket.containsKey(day)) {
        // A bucket past the day's may exist when a writer filled one just as the day moved on.
        for (int b = 0; b <= lastBucket.get(day) + 1; b++) {
          ids.add(day + "#" + b);
        }
      }
    }
    Map<String, Document> newest = new HashMap<>();
    for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
      for (Document bucket : buckets.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ))))) {
        Document facts = bucket.get(FACTS, Document.class);
        if (facts != null) {
          facts.forEach((id, value) -> newest.merge(id, (Document) value,
              (a, b) -> number(a, "version") >= number(b, "version") ? a : b));
        }
      }
    }
    return newest;
  }

  /** The bucket a record's facts go to, and whether the record was given it just now. */
  private record Slot(String day, int bucket, boolean isNew) {
    String bucketId() {
      return day + "#" + bucket;
    }
  }
}
