package cx.profile.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import cx.profile.domain.ExportDocumentStore;
import cx.profile.domain.PlatformService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Export pages in MongoDB: {@code export_pages}, one document per page keyed
 * {@code requestId:SERVICE:index}, read back by {@code _id}. Deleting an export's pages filters by
 * request id, which scans on the embedded store; it runs once per export, when it expires.
 */
public final class MongoExportDocumentStore implements ExportDocumentStore {

  private final MongoCollection<Document> pages;

  public MongoExportDocumentStore(MongoDatabase database) {
    this.pages = database.getCollection("export_pages");
    pages.createIndex(Indexes.ascending("requestId"), new IndexOptions().name("by_request"));
  }

  @Override
  public void keepPage(String requestId, PlatformService service, int index, byte[] records) {
    pages.replaceOne(Filters.eq("_id", key(requestId, service, index)),
        new Document("_id", key(requestId, service, index)).append("requestId", requestId)
            .append("records", new Binary(records)),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public List<byte[]> pages(String requestId, PlatformService service, int count) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(key(requestId, service, i));
    }
    Map<String, byte[]> found = new HashMap<>();
    if (!keys.isEmpty()) {
      pages.find(Filters.in("_id", keys)).forEach(d -> found.put(d.getString("_id"), bytes(d.get("records"))));
    }
    List<byte[]> inOrder = new ArrayList<>();
    for (String key : keys) {
      byte[] page = found.get(key);
      if (page == null) {
        break;
      }
      inOrder.add(page);
    }
    return inOrder;
  }

  @Override
  public void drop(String requestId) {
    pages.deleteMany(Filters.eq("requestId", requestId));
  }

  /** The driver reads generic binary data back as {@link Binary}; some servers hand back plain bytes. */
  private static byte[] bytes(Object stored) {
    return stored instanceof Binary binary ? binary.getData() : (byte[]) stored;
  }

  private static String key(String requestId, PlatformService service, int index) {
    return requestId + ":" + service.name() + ":" + index;
  }
}
