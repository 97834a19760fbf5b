package cx.profile.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import cx.common.v1.Channel;
import cx.profile.ProfileServiceApplication;
import cx.profile.v1.IdentifyRequest;
import cx.profile.v1.Identity;
import cx.profile.v1.IdentityType;
import cx.profile.v1.LookupCustomerRequest;
import cx.profile.v1.ProfileServiceGrpc;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.LoadRun;
import cx.runtime.testing.StoreCalls;
import cx.runtime.testing.TestCallers;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.grpc.ManagedChannelBuilder;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures profile-service at its gRPC port on the embedded store: {@code Identify} while
 * loading N profiles, then look-up by identifier, next to the store's own find-by-unique-key
 * time measured in the same run.
 *
 * <pre>
 * ./mvnw -q -pl profile-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cx.profile.bench.ProfileBenchmark -Dexec.args="100000 20000 4 file"
 * </pre>
 * Arguments: profiles to load (100,000), look-ups to time (20,000), client threads (4), and the
 * embedded store's backend: {@code file} (the H2 file backend {@code bin/cx up} runs on, which
 * journals every acknowledged write; the default) or {@code memory} (in memory).
 */
public final class ProfileBenchmark {

  private ProfileBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int profiles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    boolean onFile = args.length <= 3 || !args[3].equals("memory");
    String data = onFile ? Files.createTempDirectory("cx-profile-bench").toString() : "";
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ConfigurableApplicationContext context = new SpringApplication(ProfileServiceApplication.class).run(
        "--spring.grpc.server.port=" + port, "--server.port=0", "--cx.auth.hmac-key=" + randomKey(), "--cx.store.data-directory=" + data,
        "--logging.level.root=WARN");
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    // Calls as an admin, whose token the service verifies on every call as it does in production.
    var stub = TestCallers.admin(ProfileServiceGrpc.newBlockingStub(channel), context.getBean(CallerTokens.class));
    MongoCollection<Document> claims = context.getBean(MongoDatabase.class).getCollection("identity_claims");
    try {
      System.out.printf(Locale.ROOT, "profile-service benchmark: %,d profiles, %,d look-ups, %d client threads, "
          + "embedded store (%s), %d cores%n", profiles, lookups, threads, onFile ? "H2 file" : "in memory",
          Runtime.getRuntime().availableProcessors());

      StoreCalls calls = new StoreCalls(context.getBean(MeterRegistry.class));
      LoadRun identify = LoadRun.of(profiles, threads, i -> stub.withDeadlineAfter(10, TimeUnit.SECONDS).identify(
          IdentifyRequest.newBuilder().setChannel(Channel.CHANNEL_WEB)
              .addIdentities(email(i)).addIdentities(Identity.newBuilder()
                  .setType(IdentityType.IDENTITY_TYPE_DEVICE_ID).setValue("device-" + i)).build()));
      report("Identify (new customer, 2 identifiers)", identify);
      System.out.printf(Locale.ROOT, "    store calls each: %s%n", calls.since(profiles));

      SplittableRandom random = new SplittableRandom(42);
      int[] picks = random.ints(lookups, 0, profiles).toArray();
      LoadRun.of(Math.min(2_000, lookups), threads, i -> stub.lookupCustomer(lookup(picks[i])));
      calls = new StoreCalls(context.getBean(MeterRegistry.class));
      LoadRun lookup = LoadRun.of(lookups, threads, i -> stub.withDeadlineAfter(5, TimeUnit.SECONDS).lookupCustomer(lookup(picks[i])));
      report("LookupCustomer by email (gRPC)", lookup);
      System.out.printf(Locale.ROOT, "    store calls each: %s%n", calls.since(lookups));

      LoadRun floor = LoadRun.of(lookups, threads, i -> claims.find(Filters.eq("_id", "email:bench-" + picks[i] + "@example.com")).first());
      report("Store floor: find identity claim by _id (driver)", floor);

      double ratio = lookup.percentileNanos(99) / Math.max(1.0, floor.percentileNanos(99));
      System.out.printf(Locale.ROOT, "look-up p99 / store floor p99 = %.1fx (target: p99 < 5 ms and within 3x)%n", ratio);
    } finally {
      channel.shutdownNow();
      context.close();
    }
  }

  private static Identity email(int i) {
    return Identity.newBuilder().setType(IdentityType.IDENTITY_TYPE_EMAIL).setValue("bench-" + i + "@example.com")
        .build();
  }

  private static LookupCustomerRequest lookup(int i) {
    return LookupCustomerRequest.newBuilder().setType(IdentityType.IDENTITY_TYPE_EMAIL)
        .setValue("Bench-" + i + "@Example.com").build();
  }

  private static void report(String what, LoadRun run) {
    System.out.printf(Locale.ROOT, "%-52s %,10.0f/s   p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms%n", what,
        run.throughput(), run.percentileNanos(50) / 1e6, run.percentileNanos(99) / 1e6, run.maxNanos() / 1e6);
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }
}
