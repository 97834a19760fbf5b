package cx.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Optimistic concurrency rests on one promise of the store: of many writers that update a
 * document only if it still has the version they read, exactly one succeeds.
 */
class ConditionalWriteTest {

  @RepeatedTest(5)
  void ofManyConcurrentConditionalUpdatesExactlyOneWins() throws Exception {
    race((things, writer) -> things.updateOne(Filters.and(Filters.eq("_id", "t"), Filters.eq("version", 1L)),
        Updates.combine(Updates.set("version", 2L), Updates.set("writer", writer))).getModifiedCount());
  }

  @RepeatedTest(5)
  void ofManyConcurrentConditionalReplacesExactlyOneWins() throws Exception {
    race((things, writer) -> things.replaceOne(Filters.and(Filters.eq("_id", "t"), Filters.eq("version", 1L)),
        new Document("_id", "t").append("version", 2L).append("writer", writer)).getModifiedCount());
  }

  @RepeatedTest(3)
  void onTheFileBackendTooExactlyOneConditionalReplaceWins(@TempDir Path directory) throws Exception {
    race(() -> EmbeddedMongoServer.onDisk(directory, "cas"), (things, writer) -> things.replaceOne(
        Filters.and(Filters.eq("_id", "t"), Filters.eq("version", 1L)),
        new Document("_id", "t").append("version", 2L).append("writer", writer)).getModifiedCount());
  }

  /** One conditional write, by writer number, returning how many documents it changed. */
  interface Write {
    long apply(MongoCollection<Document> things, int writer);
  }

  private static void race(Write write) throws Exception {
    race(EmbeddedMongoServer::inMemory, write);
  }

  private static void race(Supplier<EmbeddedMongoServer> store, Write write) throws Exception {
    try (EmbeddedMongoServer server = store.get();
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> things = client.getDatabase("cas").getCollection("things");
      things.insertOne(new Document("_id", "t").append("version", 1L));
      ExecutorService pool = Executors.newFixedThreadPool(16);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Callable<Long>> writers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          int writer = i;
          writers.add(() -> {
            start.await();
            return write.apply(things, writer);
          });
        }
        List<Future<Long>> results = new ArrayList<>();
        writers.forEach(w -> results.add(pool.submit(w)));
        start.countDown();
        long winners = 0;
        for (Future<Long> result : results) {
          winners += result.get();
        }
        assertThat(winners).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
