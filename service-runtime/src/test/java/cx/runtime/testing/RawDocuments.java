package cx.runtime.testing;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Reads what a service stored straight through the driver, past the service's own mapping, so
 * that a test can say a call left a document byte for byte as it was.
 */
public final class RawDocuments {

  /** Extended JSON keeps every BSON type (dates, longs, binaries) distinct, so equal text is equal bytes. */
  private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private RawDocuments() {
  }

  /** Every document of a collection matching a filter, in {@code _id} order, as exact text. */
  public static List<String> read(MongoDatabase database, String collection, Bson filter) {
    List<String> documents = new ArrayList<>();
    database.getCollection(collection).find(filter).sort(new Document("_id", 1))
        .forEach(d -> documents.add(d.toJson(EXACT)));
    return documents;
  }

  /** One document as exact text; the test fails if it does not exist. */
  public static String one(MongoDatabase database, String collection, Bson filter) {
    List<String> found = read(database, collection, filter);
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " documents in " + collection + " match " + filter);
    }
    return found.get(0);
  }

  /** One document itself; the test fails if it does not exist. */
  public static Document document(MongoDatabase database, String collection, Bson filter) {
    Document found = database.getCollection(collection).find(filter).first();
    if (found == null) {
      throw new AssertionError("no document in " + collection + " matches " + filter);
    }
    return found;
  }

  /** How long a collection's TTL index keeps a document, if it has one. */
  public static Optional<Long> expireAfterSeconds(MongoDatabase database, String collection) {
    for (Document index : database.getCollection(collection).listIndexes()) {
      Object seconds = index.get("expireAfterSeconds");
      if (seconds instanceof Number number) {
        return Optional.of(number.longValue());
      }
    }
    return Optional.empty();
  }
}
