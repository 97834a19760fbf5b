package cx.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableH2BackendTest {

  @TempDir
  Path directory;

  @Test
  void theFileStaysWithinASmallMultipleOfItsDataThoughEveryWriteIsCommitted() throws Exception {
    Path file = directory.resolve("compact.mv");
    // Flushed only when the test says so, as if the writes came faster than any flush interval.
    DurableH2Backend backend = new DurableH2Backend(file.toString(), Duration.ofDays(1));
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
      MongoDatabase database = client.getDatabase("compact");
      MongoCollection<Document> things = database.getCollection("things");
      for (int i = 0; i < 4_000; i++) {
        if (i < 2_000) {
          things.insertOne(new Document("_id", "t-" + i).append("version", 1L).append("text", "n".repeat(200) + i));
        } else {
          things.updateOne(Filters.and(Filters.eq("_id", "t-" + (i - 2_000)), Filters.eq("version", 1L)),
              Updates.set("version", 2L));
        }
        if (i % 100 == 99) {
          backend.flush();
        }
      }
      long dataBytes = database.runCommand(new Document("collStats", "things")).get("size", Number.class).longValue();

      // 4,000 commits of a chunk each: kept for the default 45 seconds, they make a file of
      // about 180 times the data.
      assertThat(Files.size(file)).isLessThan(40 * dataBytes);
    } finally {
      server.shutdown();
    }
  }
}
