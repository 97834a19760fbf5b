package cx.runtime.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.store.EmbeddedMongoServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

  private static EmbeddedMongoServer server;
  private static MongoClient client;
  private static IdempotencyKeys keys;

  @BeforeAll
  static void start() {
    server = EmbeddedMongoServer.inMemory();
    client = MongoClients.create(server.connectionString());
    MongoDatabase database = client.getDatabase("idempotency_test");
    keys = new IdempotencyKeys(database, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void fiftyConcurrentRetriesWithOneKeyAllGetTheSameResourceId() throws Exception {
    String requestId = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<IdempotencyKeys.Reservation>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        calls.add(() -> keys.reserve("CreateThing", "request_id", requestId, "payload-1",
            () -> UUID.randomUUID().toString()));
      }
      List<IdempotencyKeys.Reservation> reservations = new ArrayList<>();
      for (Future<IdempotencyKeys.Reservation> future : pool.invokeAll(calls)) {
        reservations.add(future.get());
      }

      Set<String> ids = reservations.stream().map(IdempotencyKeys.Reservation::resourceId).collect(Collectors.toSet());
      assertThat(ids).hasSize(1);
      assertThat(reservations.stream().filter(IdempotencyKeys.Reservation::firstUse)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSameKeyWithAnotherPayloadIsRefused() {
    String requestId = UUID.randomUUID().toString();
    keys.reserve("CreateThing", "request_id", requestId, "payload-1", () -> "id-1");

    assertThatThrownBy(() -> keys.reserve("CreateThing", "request_id", requestId, "payload-2", () -> "id-2"))
        .isInstanceOf(AlreadyExistsException.class)
        .satisfies(e -> assertThat(((AlreadyExistsException) e).reason()).isEqualTo("REQUEST_ID_REUSED"));
  }

  @Test
  void keysAreScopedToTheirKindOfCreate() {
    String requestId = UUID.randomUUID().toString();
    var first = keys.reserve("CreateThing", "request_id", requestId, "p", () -> "thing-1");
    var second = keys.reserve("CreateOther", "request_id", requestId, "q", () -> "other-1");

    assertThat(first.resourceId()).isEqualTo("thing-1");
    assertThat(second.resourceId()).isEqualTo("other-1");
  }

  @Test
  void operatorsSmuggledIntoAKeyAreRejected() {
    assertThatThrownBy(() -> keys.reserve("CreateThing", "request_id", "{\"$ne\": null}", "p", () -> "x"))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
