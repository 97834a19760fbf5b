package cx.returns.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Adds counters to a document exactly once per event, without transactions: the increments of
 * the events the document has not seen are applied in one atomic update together with pushing
 * their ids onto its {@code applied} list, and only if none of those ids is on it yet. A retry,
 * a repair or a racing writer that brings the same event again finds its id and adds nothing.
 */
final class CountedOnce {

  private static final int MAX_ATTEMPTS = 50;

  private CountedOnce() {
  }

  /**
   * Counts the events {@code documentId} has not counted yet.
   *
   * @param incrementsByEvent per event id, the amounts to add by field path
   * @param alsoUpdate further idempotent changes made with the first count (e.g. {@code $min}),
   *     or null
   */
  static void count(MongoCollection<Document> collection, String documentId,
      Map<String, Map<String, Long>> incrementsByEvent, Bson alsoUpdate) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document current = collection.find(Filters.eq("_id", documentId)).projection(Projections.include("applied"))
          .first();
      Set<String> applied = current == null ? Set.of()
          : new HashSet<>(current.getList("applied", String.class, List.of()));
      List<String> missing = new ArrayList<>();
      Map<String, Long> increments = new TreeMap<>();
      incrementsByEvent.forEach((eventId, amounts) -> {
        if (!applied.contains(eventId)) {
          missing.add(eventId);
          amounts.forEach((path, amount) -> increments.merge(path, amount, Long::sum));
        }
      });
      if (missing.isEmpty()) {
        return;
      }
      List<Bson> updates = new ArrayList<>();
      increments.forEach((path, amount) -> updates.add(Updates.inc(path, amount)));
      updates.add(Updates.pushEach("applied", missing));
      if (alsoUpdate != null) {
        updates.add(alsoUpdate);
      }
      try {
        // Upserting on a failed guard collides with the existing document: the retry re-reads.
        DocumentLocks.write(collection.getNamespace().getCollectionName(), documentId, () -> collection.updateOne(
            Filters.and(Filters.eq("_id", documentId), Filters.nin("applied", missing)), Updates.combine(updates),
            new UpdateOptions().upsert(true)));
        return;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
    }
    throw new IllegalStateException("could not count events on " + documentId + " under contention");
  }
}
