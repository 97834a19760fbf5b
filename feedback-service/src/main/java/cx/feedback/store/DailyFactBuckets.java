package cx.feedback.store;

import static cx.feedback.store.DocumentFields.number;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

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
 * Keeping facts is one conditional {@code $set} that only a newer version passes, so a repeated
 * or late write never undoes a newer one; a record whose slot was taken but whose facts a crash
 * kept from their bucket is completed by its next write.
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
    Slot slot = firstVersion ? takeSlot(day, id) : existingSlot(id).orElseGet(() -> takeSlot(day, id));
    String path = FACTS + "." + id;
    Document kept;
    try {
      kept = buckets.findOneAndUpdate(Filters.and(Filters.eq("_id", slot.bucketId()),
              Filters.or(Filters.exists(path + ".version", false), Filters.lt(path + ".version", version))),
          Updates.combine(Updates.set(path, facts.append("version", version)), Updates.inc("count", slot.isNew() ? 1 : 0)),
          new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)
              .projection(new Document("count", 1)));
    } catch (MongoCommandException | MongoWriteException e) {
      // The bucket exists and already holds this version or a newer one: nothing to do.
      int code = e instanceof MongoWriteException w ? w.getError().getCode() : ((MongoCommandException) e).getErrorCode();
      if (ErrorCategory.fromErrorCode(code) != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      return;
    }
    if (slot.isNew() && kept != null && number(kept, "count") >= BUCKET_SIZE) {
      days.updateOne(Filters.and(Filters.eq("_id", day.toString()), Filters.eq("bucket", slot.bucket())),
          Updates.inc("bucket", 1));
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

  private Optional<Slot> existingSlot(String id) {
    return Optional.ofNullable(slots.find(Filters.eq("_id", id)).first())
        .map(s -> new Slot(s.getString("day"), s.getInteger("bucket"), false));
  }

  private Slot takeSlot(LocalDate day, String id) {
    Document head = days.findOneAndUpdate(Filters.eq("_id", day.toString()), Updates.setOnInsert("bucket", 0),
        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    int bucket = head.getInteger("bucket");
    try {
      slots.insertOne(new Document("_id", id).append("day", day.toString()).append("bucket", bucket));
      return new Slot(day.toString(), bucket, true);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      return existingSlot(id).orElseThrow(() -> new IllegalStateException("a taken slot vanished"));
    }
  }
}
