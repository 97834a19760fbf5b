package cx.returns.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Every customer's return ids in one reference list, in the bucket pattern, so that listing
 * across customers reads by key only: {@code every_return_list} holds a head document
 * ({@code _id "head"}, the number of positions handed out) and buckets of {@value #BUCKET}
 * positions ({@code _id "bucket:<n>"}, a map from position to return id);
 * {@code every_return_slots} holds each return's position, keyed by the return id.
 *
 * <p>Listing a return takes a position once, with {@code $inc} on the head, records it under
 * the return's id (an insert that only the first one wins) and then sets the bucket entry,
 * which every later listing sets again, so an interrupted listing is repaired by the next
 * change of that return. A position taken by a listing that lost the race stays empty.
 */
final class EveryReturnList {

  private static final int BUCKET = 1000;
  private static final String HEAD = "head";

  private final MongoCollection<Document> list;
  private final MongoCollection<Document> slots;

  EveryReturnList(MongoDatabase database) {
    this.list = database.getCollection("every_return_list");
    this.slots = database.getCollection("every_return_slots");
  }

  void add(String returnId) {
    Document slot = slots.find(Filters.eq("_id", returnId)).first();
    long position;
    if (slot != null) {
      position = slot.get("position", Number.class).longValue();
    } else {
      Document head = list.findOneAndUpdate(Filters.eq("_id", HEAD), Updates.inc("size", 1L),
          new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
      position = head.get("size", Number.class).longValue() - 1;
      try {
        slots.insertOne(new Document("_id", returnId).append("position", position));
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        position = slots.find(Filters.eq("_id", returnId)).first().get("position", Number.class).longValue();
      }
    }
    list.updateOne(Filters.eq("_id", bucketId(position)), Updates.set("ids." + position, returnId),
        new UpdateOptions().upsert(true));
  }

  /** The list as it is now, its buckets read when first needed. */
  List<String> ids() {
    Document head = list.find(Filters.eq("_id", HEAD)).first();
    int size = head == null ? 0 : (int) Math.min(Integer.MAX_VALUE, head.get("size", Number.class).longValue());
    Map<Long, Document> buckets = new HashMap<>();
    return new AbstractList<>() {
      @Override
      public String get(int index) {
        long position = index;
        Document bucket = buckets.computeIfAbsent(position / BUCKET, n -> {
          Document found = list.find(Filters.eq("_id", bucketId(position))).first();
          return found == null ? new Document() : found.get("ids", new Document());
        });
        return bucket.get(Long.toString(position), "");
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  private static String bucketId(long position) {
    return "bucket:" + position / BUCKET;
  }
}
