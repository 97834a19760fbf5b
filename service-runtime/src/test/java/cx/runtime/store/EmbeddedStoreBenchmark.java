package cx.runtime.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import cx.runtime.testing.LoadRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bson.Document;

/**
 * A benchmark, not a test: the embedded store's own figures for the access paths the services
 * rely on. Loads documents one insert at a time (as the services write), then times reads by
 * {@code _id} and by a unique key, and the conditional writes of optimistic concurrency, which
 * filter on the id and the version read. On the file backend it also prints the file's size
 * against the size of the data.
 *
 * <pre>
 * ./mvnw -o -q -pl service-runtime test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cx.runtime.store.EmbeddedStoreBenchmark -Dexec.args="100000 file 5000 4"
 * </pre>
 * Arguments: documents to load (100,000), backend ({@code file} or {@code memory}), calls to
 * time per operation (5,000, each on a different document), client threads while loading (4).
 * Timed calls run on one thread.
 */
public final class EmbeddedStoreBenchmark {

  private static final String PADDING = "x".repeat(200);

  private EmbeddedStoreBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int documents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    boolean onFile = args.length <= 1 || args[1].equals("file");
    int calls = Math.min(documents, args.length > 2 ? Integer.parseInt(args[2]) : 5_000);
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    Path directory = Files.createTempDirectory("cx-store-bench");
    Path file = directory.resolve("bench.mv");
    System.out.printf(Locale.ROOT, "embedded store benchmark: %,d documents, %s backend, %,d timed calls each, "
        + "%d cores%n", documents, onFile ? "H2 file" : "in-memory", calls, Runtime.getRuntime().availableProcessors());
    try (EmbeddedMongoServer server = onFile ? EmbeddedMongoServer.onDisk(directory, "bench")
        : EmbeddedMongoServer.inMemory();
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> things = client.getDatabase("bench").getCollection("things");
      things.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name("by_email"));

      LoadRun load = LoadRun.of(documents, threads, i -> things.insertOne(new Document("_id", id(i))
          .append("email", email(i)).append("state", "ACTIVE").append("version", 1L).append("padding", PADDING)));
      report("insertOne (" + threads + " threads)", load);
      long dataBytes = client.getDatabase("bench").runCommand(new Document("collStats", "things"))
          .get("size", Number.class).longValue();
      System.out.printf(Locale.ROOT, "%-46s %,9.1f MB%n", "data (documents, as counted by collStats)", dataBytes / 1e6);
      if (onFile) {
        reportFile("file after the load", file);
      }

      int[] picks = new SplittableRandom(7).ints(0, documents).distinct().limit(calls).toArray();
      report("find {_id}", LoadRun.of(calls, 1, i -> things.find(Filters.eq("_id", id(picks[i]))).first()));
      report("find {email} (unique index)", LoadRun.of(calls, 1, i -> things.find(Filters.eq("email",
          email(picks[i]))).first()));
      report("find {_id, version}", LoadRun.of(calls, 1, i -> things.find(Filters.and(Filters.eq("_id",
          id(picks[i])), Filters.eq("version", 1L))).first()));
      report("find {email, state} (unique index)", LoadRun.of(calls, 1, i -> things.find(Filters.and(
          Filters.eq("email", email(picks[i])), Filters.eq("state", "ACTIVE"))).first()));
      report("updateOne {_id, version} (conditional write)", LoadRun.of(calls, 1, i -> things.updateOne(
          Filters.and(Filters.eq("_id", id(picks[i])), Filters.eq("version", 1L)), Updates.set("version", 2L))));
      report("findOneAndUpdate {_id, version}", LoadRun.of(calls, 1, i -> things.findOneAndUpdate(
          Filters.and(Filters.eq("_id", id(picks[i])), Filters.eq("version", 2L)), Updates.set("version", 3L))));
      long stale = things.countDocuments(Filters.eq("version", 1L));
      System.out.printf(Locale.ROOT, "check: %,d documents at version 3, %,d untouched at version 1%n",
          things.countDocuments(Filters.eq("version", 3L)), stale);
      if (onFile) {
        reportFile("file after the timed writes", file);
      }
    }
    if (onFile) {
      reportFile("file after closing", file);
      Files.delete(file);
    }
    Files.delete(directory);
  }

  private static String id(int i) {
    return "thing-" + i;
  }

  private static String email(int i) {
    return "user-" + i + "@example.com";
  }

  private static void report(String what, LoadRun run) {
    System.out.printf(Locale.ROOT, "%-46s %,9.0f/s   p50 %7.2f ms   p99 %7.2f ms   max %8.2f ms%n", what,
        run.throughput(), run.percentileNanos(50) / 1e6, run.percentileNanos(99) / 1e6, run.maxNanos() / 1e6);
  }

  private static void reportFile(String when, Path file) throws IOException {
    System.out.printf(Locale.ROOT, "%-46s %,9.1f MB%n", when, Files.size(file) / 1e6);
  }
}
