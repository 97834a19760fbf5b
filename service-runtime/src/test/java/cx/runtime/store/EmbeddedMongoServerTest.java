package cx.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoServerTest {

  @TempDir
  Path dataDirectory;

  @Test
  void anAcknowledgedWriteIsInTheFileBeforeTheServerStops() throws Exception {
    Path crashCopy = dataDirectory.resolve("after-crash");
    try (EmbeddedMongoServer server = EmbeddedMongoServer.onDisk(dataDirectory, "durable");
        MongoClient client = MongoClients.create(server.connectionString())) {
      client.getDatabase("durable").getCollection("things").insertOne(new Document("_id", "t-1"));

      // What a killed process leaves behind: the store's file and its journal as they are now,
      // never closed.
      Files.createDirectories(crashCopy);
      try (Stream<Path> files = Files.list(dataDirectory)) {
        for (Path file : files.filter(f -> f.getFileName().toString().startsWith("durable.mv")).toList()) {
          Files.copy(file, crashCopy.resolve(file.getFileName()));
        }
      }
    }

    try (EmbeddedMongoServer server = EmbeddedMongoServer.onDisk(crashCopy, "durable");
        MongoClient client = MongoClients.create(server.connectionString())) {
      assertThat(client.getDatabase("durable").getCollection("things").find(Filters.eq("_id", "t-1")).first()).isNotNull();
    }
  }

  @Test
  void dataWrittenThroughTheOfficialDriverSurvivesARestart() {
    try (EmbeddedMongoServer server = EmbeddedMongoServer.onDisk(dataDirectory, "survival");
        MongoClient client = MongoClients.create(server.connectionString())) {
      client.getDatabase("survival").getCollection("things").insertOne(new Document("_id", "t-1").append("n", 7));
    }

    try (EmbeddedMongoServer server = EmbeddedMongoServer.onDisk(dataDirectory, "survival");
        MongoClient client = MongoClients.create(server.connectionString())) {
      Document found = client.getDatabase("survival").getCollection("things").find(Filters.eq("_id", "t-1")).first();
      assertThat(found).isNotNull();
      assertThat(found.getInteger("n")).isEqualTo(7);
    }
  }
}
