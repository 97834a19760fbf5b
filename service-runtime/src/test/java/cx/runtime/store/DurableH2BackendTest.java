package cx.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurableH2BackendTest {

  @TempDir
  Path directory;

  @Test
  void theFileStaysWithinASmallMultipleOfItsDataThoughItIsCheckpointedOften() throws Exception {
    Path file = directory.resolve("compact.mv");
    // Checkpointed and flushed only when the test says so, as if the writes came faster than
    // any interval.
    DurableH2Backend backend = new DurableH2Backend(file.toString(), Duration.ofDays(1), Duration.ofDays(1));
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
          backend.checkpoint();
          backend.flush();
        }
      }
      long dataBytes = database.runCommand(new Document("collStats", "things")).get("size", Number.class).longValue();

      // 40 checkpoints of a chunk each: kept for H2's default 45 seconds, chunks replaced that
      // often make a file of many times the data.
      assertThat(Files.size(file)).isLessThan(40 * dataBytes);
    } finally {
      server.shutdown();
    }
  }

  @Test
  void aFileWrittenInH2sDefaultFormIsRewrittenOnceAndStillFindsEveryDocumentByEveryKey() throws Exception {
    Path file = directory.resolve("old.mv");
    writePeopleInTheDefaultKeyOrder(file);

    for (int opening = 0; opening < 2; opening++) {
      assertEveryPersonIsFoundByKeyAndKeysStayUnique(file);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"db.people._index__id_", "databases.db.people"})
  void aRewriteInterruptedAfterTheOldMapWasRemovedIsFinishedOnTheNextOpening(String map) throws Exception {
    Path file = directory.resolve("interrupted.mv");
    writePeopleInTheDefaultKeyOrder(file);
    MVStore store = MVStore.open(file.toString());
    assertThat(store.hasMap(map)).isTrue();
    MVMap<Object, Object> old = store.openMap(map);
    MVMap<Object, Object> copy = map.startsWith(UniqueKeyH2Backend.DATA_MAP_PREFIX)
        ? cast(UniqueKeyH2Backend.openDataMap(store, map + StoreFileFormat.REWRITING))
        : cast(UniqueKeyH2Backend.openIndexMap(store, map + StoreFileFormat.REWRITING));
    old.forEach(copy::put);
    store.removeMap(old);
    store.close();

    assertEveryPersonIsFoundByKeyAndKeysStayUnique(file);
  }

  @Test
  void aRewriteInterruptedHalfWayIsDoneAgainFromTheOldMap() throws Exception {
    Path file = directory.resolve("half.mv");
    writePeopleInTheDefaultKeyOrder(file);
    MVStore store = MVStore.open(file.toString());
    MVMap<Object, Object> old = store.openMap("databases.db.people");
    MVMap<Object, Object> copy = cast(UniqueKeyH2Backend.openDataMap(store, "databases.db.people" + StoreFileFormat.REWRITING));
    old.entrySet().stream().limit(PEOPLE / 3).forEach(e -> copy.put(e.getKey(), e.getValue()));
    store.close();

    assertEveryPersonIsFoundByKeyAndKeysStayUnique(file);
  }

  @SuppressWarnings("unchecked")
  private static MVMap<Object, Object> cast(MVMap<?, ?> map) {
    return (MVMap<Object, Object>) map;
  }

  @Test
  void droppingACollectionDropsItsIndexes() {
    served(new DurableH2Backend(directory.resolve("dropped.mv").toString()), client -> {
      MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
      things.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
      things.insertOne(new Document("_id", "a").append("code", "x"));
      things.drop();

      // Neither the old _id nor the dropped unique index on code remain.
      things.insertOne(new Document("_id", "a").append("code", "x"));
      things.insertOne(new Document("_id", "b").append("code", "x"));
      assertThat(things.countDocuments()).isEqualTo(2);
      assertDuplicateKey(() -> things.insertOne(new Document("_id", "b")));
    });
  }

  /** People keyed by ids and e-mails of different lengths, whose default order differs from their value order. */
  private static void writePeopleInTheDefaultKeyOrder(Path file) {
    served(new H2Backend(file.toString()), client -> {
      MongoCollection<Document> people = client.getDatabase("db").getCollection("people");
      people.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
      for (int i = 0; i < PEOPLE; i++) {
        people.insertOne(new Document("_id", "p" + i).append("email", i + "@example.org"));
      }
    });
  }

  private static void assertEveryPersonIsFoundByKeyAndKeysStayUnique(Path file) {
    served(new DurableH2Backend(file.toString()), client -> {
      MongoCollection<Document> people = client.getDatabase("db").getCollection("people");
      for (int i = 0; i < PEOPLE; i++) {
        assertThat(people.find(Filters.eq("_id", "p" + i)).first()).as("p%d", i).isNotNull();
        Document byEmail = people.find(Filters.eq("email", i + "@example.org")).first();
        assertThat(byEmail).as("e-mail %d", i).isNotNull();
        assertThat(byEmail.getString("_id")).isEqualTo("p" + i);
      }
      assertDuplicateKey(() -> people.insertOne(new Document("_id", "p7").append("email", "new@example.org")));
      assertDuplicateKey(() -> people.insertOne(new Document("_id", "new").append("email", "7@example.org")));
      assertThat(people.countDocuments()).isEqualTo(PEOPLE);
    });
  }

  /** Serves the backend on a free port to one client for as long as {@code work} runs. */
  private static void served(MongoBackend backend, Consumer<MongoClient> work) {
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
      work.accept(client);
    } finally {
      server.shutdown();
    }
  }

  private static void assertDuplicateKey(ThrowingCallable write) {
    assertThatThrownBy(write).isInstanceOfSatisfying(MongoWriteException.class,
        e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
  }

  private static final int PEOPLE = 1_500;
}
