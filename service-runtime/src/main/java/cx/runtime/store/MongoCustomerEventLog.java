package cx.runtime.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.CustomerEventLog;
import cx.runtime.timeline.EventPage;
import cx.runtime.timeline.EventQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Customers' histories in MongoDB, in the bucket pattern: each customer's events are appended
 * with one atomic {@code $push} to bucket documents keyed {@code customerId:bucketNo}, so that
 * reading a customer's history is a few reads by key however large the collection grows.
 *
 * <ul>
 *   <li>{@code <prefix>_heads}: one document per customer, {@code _id} = customer id, holding the
 *       number of the bucket new events go to.</li>
 *   <li>{@code <prefix>_buckets}: up to {@link #BUCKET_SIZE} events each (a few more under
 *       concurrent writers).</li>
 *   <li>{@code <prefix>_ids}: one small document per event, {@code _id} =
 *       {@code customerId:eventId}, naming its bucket. It makes recording idempotent: a retry,
 *       even after the head moved on, pushes into the same bucket, where a guard on the event id
 *       keeps one copy. A crash between the two writes is repaired by the retry.</li>
 * </ul>
 */
public final class MongoCustomerEventLog implements CustomerEventLog {

  /** Events per bucket before new ones go to the next. */
  public static final int BUCKET_SIZE = 200;

  private final MongoCollection<Document> heads;
  private final MongoCollection<Document> buckets;
  private final MongoCollection<Document> ids;
  private final Consumer<CustomerEvent> firstRecorded;

  /** @param prefix the collections' name prefix, e.g. {@code timeline} */
  public MongoCustomerEventLog(MongoDatabase database, String prefix) {
    this(database, prefix, event -> { });
  }

  /**
   * @param prefix the collections' name prefix, e.g. {@code timeline}
   * @param firstRecorded told of each event when it is first recorded, not of retries that find
   *     it recorded already (business counters); an event whose first attempt failed half-way is
   *     not told of again
   */
  public MongoCustomerEventLog(MongoDatabase database, String prefix, Consumer<CustomerEvent> firstRecorded) {
    this.firstRecorded = firstRecorded;
    this.heads = database.getCollection(prefix + "_heads");
    this.buckets = database.getCollection(prefix + "_buckets");
    this.ids = database.getCollection(prefix + "_ids");
    buckets.createIndex(Indexes.ascending("customerId"), new IndexOptions().name("by_customer"));
    ids.createIndex(Indexes.ascending("customerId"), new IndexOptions().name("by_customer"));
  }

  @Override
  public void record(CustomerEvent event) {
    String customerId = event.customerId();
    Slot slot = bucketFor(customerId, event.eventId());
    int bucket = slot.bucket();
    String bucketId = customerId + ":" + bucket;
    // The first attempt to record an event appends by _id alone: on the embedded store only a
    // filter on _id alone uses the index. It adds to the set rather than pushing, because a retry
    // running beside it (the id marker existed) may have appended the same event first. A retry
    // guards on the event id, so a copy written with other content is not added either.
    Document stored;
    try {
      stored = buckets.findOneAndUpdate(
          slot.firstAttempt() ? Filters.eq("_id", bucketId)
              : Filters.and(Filters.eq("_id", bucketId), Filters.ne("events.eventId", event.eventId())),
          Updates.combine(
              Updates.setOnInsert("customerId", customerId),
              Updates.setOnInsert("bucket", bucket),
              slot.firstAttempt() ? Updates.addToSet("events", toDocument(event)) : Updates.push("events", toDocument(event)),
              Updates.inc("count", 1)),
          new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)
              .projection(new Document("count", 1)));
    } catch (MongoCommandException | MongoWriteException e) {
      // The bucket exists and already holds this event: the upsert's insert collided.
      if (ErrorCategory.fromErrorCode(errorCode(e)) != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      return;
    }
    if (stored != null && stored.getInteger("count", 0) >= BUCKET_SIZE) {
      heads.updateOne(Filters.and(Filters.eq("_id", customerId), Filters.eq("bucket", bucket)), Updates.inc("bucket", 1));
    }
    if (slot.firstAttempt()) {
      firstRecorded.accept(event);
    }
  }

  /**
   * Records many events in a handful of writes however many there are: the heads of their
   * customers, their id markers, one append per bucket for the events recorded the first time,
   * and a guarded append each for events an earlier attempt may have recorded.
   */
  @Override
  public void recordAll(Collection<CustomerEvent> events) {
    if (events.size() <= 1) {
      events.forEach(this::record);
      return;
    }
    Map<String, Integer> headBuckets = headBuckets(events.stream().map(CustomerEvent::customerId).distinct().toList());
    List<CustomerEvent> ordered = List.copyOf(events);
    List<Document> markers = new ArrayList<>();
    for (CustomerEvent event : ordered) {
      markers.add(new Document("_id", event.customerId() + ":" + event.eventId()).append("customerId", event.customerId())
          .append("bucket", headBuckets.get(event.customerId())));
    }
    Set<Integer> retried = insertAllIgnoringDuplicates(ids, markers);
    Map<String, Integer> retriedBuckets = new HashMap<>();
    if (!retried.isEmpty()) {
      List<String> retriedIds = retried.stream().map(i -> (String) markers.get(i).get("_id")).toList();
      ids.find(Filters.in("_id", retriedIds)).forEach(m -> retriedBuckets.put(m.getString("_id"), m.getInteger("bucket")));
    }

    Map<String, List<Document>> firstByBucket = new LinkedHashMap<>();
    List<WriteModel<Document>> appends = new ArrayList<>();
    Set<String> touched = new LinkedHashSet<>();
    for (int i = 0; i < ordered.size(); i++) {
      CustomerEvent event = ordered.get(i);
      if (retried.contains(i)) {
        Integer bucket = retriedBuckets.get((String) markers.get(i).get("_id"));
        String bucketId = event.customerId() + ":" + (bucket == null ? headBuckets.get(event.customerId()) : bucket);
        appends.add(new UpdateOneModel<>(
            Filters.and(Filters.eq("_id", bucketId), Filters.ne("events.eventId", event.eventId())),
            appendOne(event, bucketId, Updates.push("events", toDocument(event))), new UpdateOptions().upsert(true)));
        touched.add(bucketId);
      } else {
        firstByBucket.computeIfAbsent(event.customerId() + ":" + headBuckets.get(event.customerId()), b -> new ArrayList<>())
            .add(toDocument(event));
      }
    }
    firstByBucket.forEach((bucketId, appended) -> {
      String customerId = bucketId.substring(0, bucketId.lastIndexOf(':'));
      appends.add(new UpdateOneModel<>(Filters.eq("_id", bucketId), Updates.combine(
          Updates.setOnInsert("customerId", customerId),
          Updates.setOnInsert("bucket", Integer.parseInt(bucketId.substring(bucketId.lastIndexOf(':') + 1))),
          Updates.addEachToSet("events", appended),
          Updates.inc("count", appended.size())), new UpdateOptions().upsert(true)));
      touched.add(bucketId);
    });
    writeIgnoringRecordedEvents(appends, firstByBucket.size());
    moveFullHeads(touched);
    for (int i = 0; i < ordered.size(); i++) {
      if (!retried.contains(i)) {
        firstRecorded.accept(ordered.get(i));
      }
    }
  }

  /** The bucket each customer's new events go to, creating the heads of customers new to the log. */
  private Map<String, Integer> headBuckets(List<String> customerIds) {
    heads.bulkWrite(customerIds.stream().<WriteModel<Document>>map(id -> new UpdateOneModel<>(Filters.eq("_id", id),
        Updates.setOnInsert("bucket", 0), new UpdateOptions().upsert(true))).toList(), new BulkWriteOptions().ordered(false));
    Map<String, Integer> buckets = new HashMap<>();
    heads.find(Filters.in("_id", customerIds)).forEach(h -> buckets.put(h.getString("_id"), h.getInteger("bucket")));
    return buckets;
  }

  /** Inserts every document that is not there yet; the positions of those that were. */
  private static Set<Integer> insertAllIgnoringDuplicates(MongoCollection<Document> collection, List<Document> documents) {
    Set<Integer> present = new HashSet<>();
    try {
      collection.insertMany(documents, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        present.add(error.getIndex());
      }
    }
    return present;
  }

  /**
   * Applies the appends; a guarded append that found its event in the bucket is done, and a
   * bucket another writer created meanwhile gets its first appends again, now as an update.
   */
  private void writeIgnoringRecordedEvents(List<WriteModel<Document>> appends, int firstAppends) {
    List<WriteModel<Document>> pending = appends;
    for (int attempt = 0; attempt < 2 && !pending.isEmpty(); attempt++) {
      try {
        buckets.bulkWrite(pending, new BulkWriteOptions().ordered(false));
        return;
      } catch (MongoBulkWriteException e) {
        List<WriteModel<Document>> again = new ArrayList<>();
        for (BulkWriteError error : e.getWriteErrors()) {
          if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
            throw e;
          }
          WriteModel<Document> failed = pending.get(error.getIndex());
          // The first appends are the last ones; a guarded append colliding means it was recorded.
          if (attempt == 0 && error.getIndex() >= pending.size() - firstAppends) {
            again.add(failed);
          }
        }
        pending = again;
        firstAppends = again.size();
      }
    }
  }

  /** Moves the head of every customer whose current bucket the appends filled. */
  private void moveFullHeads(Set<String> bucketIds) {
    for (Document bucket : buckets.find(Filters.in("_id", List.copyOf(bucketIds)))
        .projection(new Document("count", 1).append("customerId", 1).append("bucket", 1))) {
      if (bucket.getInteger("count", 0) >= BUCKET_SIZE) {
        heads.updateOne(Filters.and(Filters.eq("_id", bucket.getString("customerId")),
            Filters.eq("bucket", bucket.getInteger("bucket"))), Updates.inc("bucket", 1));
      }
    }
  }

  private static Bson appendOne(CustomerEvent event, String bucketId, Bson append) {
    return Updates.combine(
        Updates.setOnInsert("customerId", event.customerId()),
        Updates.setOnInsert("bucket", Integer.parseInt(bucketId.substring(bucketId.lastIndexOf(':') + 1))),
        append,
        Updates.inc("count", 1));
  }

  private static int errorCode(RuntimeException e) {
    return e instanceof MongoWriteException w ? w.getError().getCode() : ((MongoCommandException) e).getErrorCode();
  }

  /**
   * The bucket an event belongs to: the current one, recorded in the event's id marker, or the
   * one an earlier attempt to record it recorded there.
   */
  private Slot bucketFor(String customerId, String eventId) {
    Document head = heads.findOneAndUpdate(Filters.eq("_id", customerId), Updates.setOnInsert("bucket", 0),
        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    int bucket = head.getInteger("bucket");
    String markerId = customerId + ":" + eventId;
    try {
      ids.insertOne(new Document("_id", markerId).append("customerId", customerId).append("bucket", bucket));
      return new Slot(bucket, true);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      return new Slot(ids.find(Filters.eq("_id", markerId)).first().getInteger("bucket"), false);
    }
  }

  /** The bucket an event goes to, and whether this is the first attempt to record it. */
  private record Slot(int bucket, boolean firstAttempt) {
  }

  @Override
  public EventPage read(EventQuery query) {
    List<CustomerEvent> matching = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Document bucket : buckets.find(Filters.in("_id", bucketIds(query.customerIds())))) {
      for (Document stored : bucket.getList("events", Document.class, List.of())) {
        // Two attempts racing with different content can each leave a copy: the first one read
        // is the event (as find returns it).
        if (!seen.add(bucket.getString("customerId") + ":" + stored.getString("eventId"))) {
          continue;
        }
        CustomerEvent event = toEvent(stored, bucket.getString("customerId"));
        boolean afterPosition = query.afterTime().map(t -> event.isAfter(t, query.afterId())).orElse(true);
        if (afterPosition && query.matches(event)) {
          matching.add(event);
        }
      }
    }
    matching.sort(CustomerEvent::newestFirst);
    boolean hasMore = matching.size() > query.pageSize();
    return new EventPage(hasMore ? matching.subList(0, query.pageSize()) : matching, hasMore);
  }

  private List<String> bucketIds(Iterable<String> customerIds) {
    List<String> customerIdList = new ArrayList<>();
    customerIds.forEach(customerIdList::add);
    List<String> bucketIds = new ArrayList<>();
    for (Document head : heads.find(Filters.in("_id", customerIdList))) {
      int last = head.getInteger("bucket");
      // A bucket past the head may exist when a writer filled one just as the head moved.
      for (int b = 0; b <= last + 1; b++) {
        bucketIds.add(head.getString("_id") + ":" + b);
      }
    }
    return bucketIds;
  }

  @Override
  public Optional<CustomerEvent> find(String customerId, String eventId) {
    Document marker = ids.find(Filters.eq("_id", customerId + ":" + eventId)).first();
    if (marker == null) {
      return Optional.empty();
    }
    Document bucket = buckets.find(Filters.eq("_id", customerId + ":" + marker.getInteger("bucket"))).first();
    if (bucket == null) {
      return Optional.empty();
    }
    return bucket.getList("events", Document.class, List.of()).stream()
        .filter(e -> eventId.equals(e.getString("eventId")))
        .findFirst()
        .map(e -> toEvent(e, customerId));
  }

  @Override
  public void clearSummaries(String customerId) {
    for (Document bucket : buckets.find(Filters.in("_id", bucketIds(List.of(customerId))))) {
      List<Document> events = bucket.getList("events", Document.class, List.of());
      List<Bson> clears = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        clears.add(Updates.set("events." + i + ".summary", ""));
      }
      if (!clears.isEmpty()) {
        buckets.updateOne(Filters.eq("_id", bucket.getString("_id")), Updates.combine(clears));
      }
    }
  }

  @Override
  public void forget(String customerId) {
    buckets.deleteMany(Filters.in("_id", bucketIds(List.of(customerId))));
    ids.deleteMany(Filters.eq("customerId", customerId));
    heads.deleteOne(Filters.eq("_id", customerId));
  }

  private static Document toDocument(CustomerEvent event) {
    // Attribute keys come from the services, but are stored as pairs so no key is ever a path.
    List<Document> attributes = new ArrayList<>();
    event.attributes().forEach((k, v) -> attributes.add(new Document("key", k).append("value", v)));
    return new Document("eventId", event.eventId())
        .append("occurTime", Date.from(event.occurTime()))
        .append("kind", event.kind())
        .append("channel", event.channel())
        .append("summary", event.summary())
        .append("resource", event.resource())
        .append("related", event.relatedResources())
        .append("attributes", attributes);
  }

  private static CustomerEvent toEvent(Document d, String customerId) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Document a : d.getList("attributes", Document.class, List.of())) {
      attributes.put(a.getString("key"), a.getString("value"));
    }
    return new CustomerEvent(d.getString("eventId"), customerId, d.getDate("occurTime").toInstant(),
        d.getString("kind"), d.getString("channel"), d.getString("summary"), d.getString("resource"),
        d.getList("related", String.class, List.of()), attributes);
  }
}
