package cx.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store killed between checkpoints: what it acknowledged comes back from its
 * journal, exactly once, in the order it took effect.
 */
class DurableH2BackendRecoveryTest {

  private static final Duration NEVER = Duration.ofDays(1);

  @TempDir
  Path directory;

  @Test
  void writesAcknowledgedSinceTheLastCheckpointAreRecoveredExactlyOnce() throws Exception {
    Path file = directory.resolve("crash.mv");
    Map<String, List<String>> acknowledged = crashAfter(file,
        (client, backend) -> concurrentWorkload(client.getDatabase("db"), 4, 400, () -> { }));

    assertThat(contents(file)).isEqualTo(acknowledged);
  }

  @Test
  void checkpointsTakenWhileWritersRunLeaveNoWriteHalfAppliedOrAppliedTwice() throws Exception {
    Path file = directory.resolve("checkpointed.mv");
    Map<String, List<String>> acknowledged = crashAfter(file,
        (client, backend) -> concurrentWorkload(client.getDatabase("db"), 4, 600, backend::checkpoint));

    assertThat(contents(file)).isEqualTo(acknowledged);
  }

  @Test
  void anEntryCutShortByTheCrashIsDroppedAndEveryWholeOneRecovered() throws Exception {
    Path file = directory.resolve("torn.mv");
    Map<String, List<String>> acknowledged = crashAfter(file,
        (client, backend) -> concurrentWorkload(client.getDatabase("db"), 1, 200, () -> { }));
    Path segment = newestSegment(file);
    long whole = Files.size(segment);
    // The start of an entry that never reached the file in full.
    Files.write(segment, new byte[] {120, 0, 0, 0, 1, 2, 3, 4, 5, 6}, StandardOpenOption.APPEND);

    assertThat(contents(file)).isEqualTo(acknowledged);
    assertThat(contents(file)).as("opened a second time").isEqualTo(acknowledged);
    assertThat(Files.exists(segment) ? Files.size(segment) : whole).isLessThanOrEqualTo(whole);
  }

  @Test
  void segmentsACheckpointOnTheDiskCoversAreDeletedAndReadsAreNotJournalled() throws Exception {
    Path file = directory.resolve("segments.mv");
    DurableH2Backend backend = new DurableH2Backend(file.toString(), NEVER, NEVER);
    MongoServer server = serve(backend);
    try (MongoClient client = client(server)) {
      MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
      things.insertOne(new Document("_id", "a"));
      Path first = newestSegment(file);
      long written = Files.size(first);
      assertThat(written).isPositive();
      for (int i = 0; i < 20; i++) {
        things.find(Filters.eq("_id", "a")).first();
        things.countDocuments();
      }
      assertThat(Files.size(first)).isEqualTo(written);

      backend.checkpoint();
      things.insertOne(new Document("_id", "b"));
      assertThat(first).exists();
      backend.flush();
      assertThat(first).doesNotExist();
      assertThat(newestSegment(file)).isNotEqualTo(first);
    } finally {
      server.shutdown();
    }
    assertThat(contents(file).get("things")).hasSize(2);
  }

  /**
   * Several writers on collections of their own and on a shared one: inserts with ids the
   * server assigns, counters, pushes, conditional updates, deletes, upserts, duplicate keys;
   * and beside them, {@code checkpoint} called again and again.
   */
  private static void concurrentWorkload(MongoDatabase database, int writers, int writesEach, Runnable checkpoint) {
    database.getCollection("shared").createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        running.add(pool.submit(() -> {
          Random random = new Random(writer);
          MongoCollection<Document> own = database.getCollection("own" + writer);
          MongoCollection<Document> shared = database.getCollection("shared");
          MongoCollection<Document> tallies = database.getCollection("tallies");
          for (int i = 0; i < writesEach; i++) {
            int key = random.nextInt(30);
            try {
              switch (random.nextInt(8)) {
                case 0 -> own.insertOne(new Document("n", i).append("by", writer));
                case 1 -> tallies.updateOne(Filters.eq("_id", "counter-" + key % 5), Updates.inc("count", 1),
                    new UpdateOptions().upsert(true));
                case 2 -> tallies.updateOne(Filters.eq("_id", "list"), Updates.push("items", writer + ":" + i),
                    new UpdateOptions().upsert(true));
                case 3 -> shared.insertOne(new Document("_id", "w" + writer + "-" + i).append("code", "c" + key));
                case 4 -> own.deleteMany(Filters.lt("n", i - 50));
                case 5 -> tallies.findOneAndUpdate(Filters.eq("_id", "seq-" + writer), Updates.inc("next", 1),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                case 6 -> own.insertMany(List.of(new Document("_id", "m" + key), new Document("_id", "m" + (key + 1))),
                    new InsertManyOptions().ordered(true));
                default -> own.updateMany(Filters.gte("n", i - 10), Updates.set("touched", i));
              }
            } catch (MongoException refused) {
              // Duplicate keys: refused and journalled as refused; applied again, refused again.
            }
          }
          return null;
        }));
      }
      running.add(pool.submit(() -> {
        for (int i = 0; i < 30; i++) {
          Thread.sleep(15);
          checkpoint.run();
        }
        return null;
      }));
      for (Future<?> writer : running) {
        writer.get(2, TimeUnit.MINUTES);
      }
      // And some after the last checkpoint, for the journal alone to hold.
      for (int i = 0; i < 20; i++) {
        database.getCollection("tallies").updateOne(Filters.eq("_id", "last"), Updates.inc("count", 1),
            new UpdateOptions().upsert(true));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Runs {@code work} against a backend, reads every collection as a client sees them, then
   * stops the backend as a killed process would: without a checkpoint or a close.
   */
  private static Map<String, List<String>> crashAfter(Path file, BiConsumer<MongoClient, DurableH2Backend> work) {
    DurableH2Backend backend = new DurableH2Backend(file.toString(), NEVER, NEVER);
    MongoServer server = serve(backend);
    Map<String, List<String>> seen;
    try (MongoClient client = client(server)) {
      work.accept(client, backend);
      seen = read(client.getDatabase("db"));
    } finally {
      backend.getMvStore().closeImmediately();
      server.shutdownNow();
    }
    return seen;
  }

  /** Every collection of the file's database as a new backend recovers it. */
  private static Map<String, List<String>> contents(Path file) {
    MongoServer server = serve(new DurableH2Backend(file.toString(), NEVER, NEVER));
    try (MongoClient client = client(server)) {
      return read(client.getDatabase("db"));
    } finally {
      server.shutdown();
    }
  }

  private static Map<String, List<String>> read(MongoDatabase database) {
    Map<String, List<String>> collections = new TreeMap<>();
    for (String name : database.listCollectionNames()) {
      List<String> documents = new ArrayList<>();
      database.getCollection(name).find().sort(new Document("_id", 1)).forEach(d -> documents.add(d.toJson()));
      collections.put(name, documents);
    }
    return collections;
  }

  private static Path newestSegment(Path file) throws IOException {
    try (var files = Files.list(file.getParent())) {
      return files.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".journal."))
          .max((a, b) -> Long.compare(number(a), number(b))).orElseThrow();
    }
  }

  private static long number(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
  }

  private static MongoServer serve(DurableH2Backend backend) {
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    return server;
  }

  private static MongoClient client(MongoServer server) {
    return MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
  }
}
