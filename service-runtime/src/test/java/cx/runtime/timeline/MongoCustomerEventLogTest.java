package cx.runtime.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import cx.runtime.paging.PageTokens;
import cx.runtime.paging.TimelinePaging;
import cx.runtime.store.EmbeddedMongoServer;
import cx.runtime.store.MongoCustomerEventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoCustomerEventLogTest {

  private static EmbeddedMongoServer server;
  private static MongoClient client;
  private static CustomerEventLog log;
  private static final TimelinePaging PAGING = new TimelinePaging(new PageTokens("a-local-test-key-of-enough-length"), "ListEvents");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @BeforeAll
  static void start() {
    server = EmbeddedMongoServer.inMemory();
    client = MongoClients.create(server.connectionString());
    log = new MongoCustomerEventLog(client.getDatabase("events_test"), "timeline");
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  static CustomerEvent event(String customer, String id, Instant at, String kind, String channel) {
    return new CustomerEvent(id, customer, at, kind, channel, "summary of " + id, "things/" + id, List.of(), Map.of("n", id));
  }

  static List<CustomerEvent> readAll(Set<String> customers, Set<String> channels, Set<String> kinds, int pageSize) {
    List<CustomerEvent> all = new ArrayList<>();
    String token = "";
    do {
      EventQuery query = PAGING.query(customers, channels, kinds, Optional.empty(), Optional.empty(), pageSize, token);
      EventPage page = log.read(query);
      all.addAll(page.events());
      token = PAGING.nextPageToken(query, page);
    } while (!token.isEmpty());
    return all;
  }

  @Test
  void recordingTheSameEventTwiceKeepsOne() {
    String customer = "c-" + UUID.randomUUID();
    CustomerEvent event = event(customer, "e-1", T0, "order.placed", "WEB");

    log.record(event);
    log.record(event);

    assertThat(readAll(Set.of(customer), Set.of(), Set.of(), 50)).containsExactly(event);
  }

  @Test
  void concurrentRecordingsOfOneEventKeepOneCopyInTheStore() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      for (int round = 0; round < 40; round++) {
        String customer = "c-" + UUID.randomUUID();
        CustomerEvent event = event(customer, "e-1", T0, "interaction.call", "CALL_CENTER");
        CyclicBarrier start = new CyclicBarrier(12);
        List<Future<?>> attempts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          attempts.add(pool.submit(() -> {
            start.await();
            log.record(event);
            return null;
          }));
        }
        for (Future<?> attempt : attempts) {
          attempt.get(30, TimeUnit.SECONDS);
        }

        assertThat(readAll(Set.of(customer), Set.of(), Set.of(), 50)).containsExactly(event);
        Document bucket = client.getDatabase("events_test").getCollection("timeline_buckets")
            .find(Filters.eq("_id", customer + ":0")).first();
        assertThat(bucket.getList("events", Document.class)).as("round %d", round).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eventsRecordedInBulkAreEachKeptOnceAcrossCustomersBucketsAndRetries() {
    String busy = "c-" + UUID.randomUUID();
    String quiet = "c-" + UUID.randomUUID();
    List<CustomerEvent> earlier = new ArrayList<>();
    for (int i = 0; i < MongoCustomerEventLog.BUCKET_SIZE - 10; i++) {
      CustomerEvent e = event(busy, String.format("e-%04d", i), T0.plusSeconds(i), "survey.response", "EMAIL");
      earlier.add(e);
      log.record(e);
    }
    List<CustomerEvent> batch = new ArrayList<>();
    for (int i = MongoCustomerEventLog.BUCKET_SIZE - 10; i < MongoCustomerEventLog.BUCKET_SIZE + 40; i++) {
      batch.add(event(busy, String.format("e-%04d", i), T0.plusSeconds(i), "survey.response", "EMAIL"));
    }
    batch.add(event(quiet, "q-1", T0, "complaint.filed", "WEB"));
    // Retries of events recorded before, with their bucket since filled.
    batch.addAll(earlier.subList(0, 5));

    log.recordAll(batch);
    log.recordAll(batch);
    List<CustomerEvent> later = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      CustomerEvent e = event(busy, "later-" + i, T0.plusSeconds(10_000 + i), "survey.response", "EMAIL");
      later.add(e);
      log.record(e);
    }

    List<CustomerEvent> expected = new ArrayList<>(earlier);
    expected.addAll(batch.subList(0, 50));
    expected.addAll(later);
    expected.sort(CustomerEvent::newestFirst);
    assertThat(readAll(Set.of(busy), Set.of(), Set.of(), 60)).containsExactlyElementsOf(expected);
    assertThat(readAll(Set.of(quiet), Set.of(), Set.of(), 60)).extracting(CustomerEvent::eventId).containsExactly("q-1");
    for (Document bucket : client.getDatabase("events_test").getCollection("timeline_buckets")
        .find(Filters.eq("customerId", busy))) {
      assertThat(bucket.getList("events", Document.class)).hasSizeLessThanOrEqualTo(MongoCustomerEventLog.BUCKET_SIZE + 40);
    }
    assertThat(client.getDatabase("events_test").getCollection("timeline_heads").find(Filters.eq("_id", busy)).first()
        .getInteger("bucket")).isPositive();
  }

  @Test
  void bulkAndSingleRecordingsOfTheSameEventsRacingKeepOneCopyEach() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 20; round++) {
        String customer = "c-" + UUID.randomUUID();
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          events.add(event(customer, "e-" + i, T0.plusSeconds(i), "survey.response", "EMAIL"));
        }
        CyclicBarrier start = new CyclicBarrier(4);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          boolean bulk = w % 2 == 0;
          writers.add(pool.submit(() -> {
            start.await();
            if (bulk) {
              log.recordAll(events);
            } else {
              events.forEach(log::record);
            }
            return null;
          }));
        }
        for (Future<?> writer : writers) {
          writer.get(30, TimeUnit.SECONDS);
        }
        List<CustomerEvent> expected = new ArrayList<>(events);
        expected.sort(CustomerEvent::newestFirst);
        assertThat(readAll(Set.of(customer), Set.of(), Set.of(), 50)).as("round %d", round).containsExactlyElementsOf(expected);
        long stored = 0;
        for (Document bucket : client.getDatabase("events_test").getCollection("timeline_buckets")
            .find(Filters.eq("customerId", customer))) {
          stored += bucket.getList("events", Document.class).size();
        }
        assertThat(stored).as("copies stored, round %d", round).isEqualTo(events.size());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSecondCopyOfAnEventWithOtherContentIsNotReadTwice() {
    String customer = "c-" + UUID.randomUUID();
    CustomerEvent event = event(customer, "e-1", T0, "order.placed", "WEB");
    log.record(event);
    // What two attempts racing with different content could leave behind.
    client.getDatabase("events_test").getCollection("timeline_buckets").updateOne(
        Filters.eq("_id", customer + ":0"),
        Updates.push("events", new Document("eventId", "e-1").append("occurTime", Date.from(T0))
            .append("kind", "order.placed").append("channel", "WEB").append("summary", "another copy")));

    assertThat(readAll(Set.of(customer), Set.of(), Set.of(), 50)).containsExactly(event);
  }

  @Test
  void pagingThroughManyBucketsReturnsEveryEventOnceNewestFirst() {
    String customer = "c-" + UUID.randomUUID();
    List<CustomerEvent> recorded = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      // Out of time order on purpose, and with ties on time.
      CustomerEvent e = event(customer, String.format("e-%04d", i), T0.plusSeconds((i * 37L) % 300), "survey.response", "EMAIL");
      recorded.add(e);
      log.record(e);
    }

    List<CustomerEvent> read = readAll(Set.of(customer), Set.of(), Set.of(), 37);

    List<CustomerEvent> expected = new ArrayList<>(recorded);
    expected.sort(CustomerEvent::newestFirst);
    assertThat(read).containsExactlyElementsOf(expected);
  }

  @Test
  void theHistoryOfMergedIdsIsReadTogetherAndFiltered() {
    String survivor = "c-" + UUID.randomUUID();
    String merged = "c-" + UUID.randomUUID();
    log.record(event(survivor, "a", T0.plusSeconds(1), "complaint.filed", "WEB"));
    log.record(event(merged, "b", T0.plusSeconds(2), "complaint.resolved", "CHAT"));
    log.record(event(merged, "c", T0.plusSeconds(3), "order.placed", "WEB"));

    assertThat(readAll(Set.of(survivor, merged), Set.of(), Set.of(), 50)).extracting(CustomerEvent::eventId)
        .containsExactly("c", "b", "a");
    assertThat(readAll(Set.of(survivor, merged), Set.of("WEB"), Set.of(), 50)).extracting(CustomerEvent::eventId)
        .containsExactly("c", "a");
    assertThat(readAll(Set.of(survivor, merged), Set.of(), Set.of("complaint"), 50)).extracting(CustomerEvent::eventId)
        .containsExactly("b", "a");
  }

  @Test
  void eventsArrivingWhilePagingNeitherRepeatNorSkipTheOlderOnes() throws Exception {
    String customer = "c-" + UUID.randomUUID();
    for (int i = 0; i < 300; i++) {
      log.record(event(customer, String.format("old-%04d", i), T0.plusSeconds(i), "x.y", "WEB"));
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    writer.submit(() -> {
      int i = 0;
      while (writing.get()) {
        log.record(event(customer, "new-" + i++, T0.plusSeconds(10_000 + i), "x.y", "WEB"));
      }
      return null;
    });
    List<CustomerEvent> read;
    try {
      read = readAll(Set.of(customer), Set.of(), Set.of(), 25);
    } finally {
      writing.set(false);
      writer.shutdown();
      writer.awaitTermination(10, TimeUnit.SECONDS);
    }

    Set<String> ids = new HashSet<>();
    read.forEach(e -> assertThat(ids.add(e.eventId())).as("read twice: %s", e.eventId()).isTrue());
    for (int i = 0; i < 300; i++) {
      assertThat(ids).contains(String.format("old-%04d", i));
    }
  }

  @Test
  void erasureClearsSummariesOrForgetsEverything() {
    String customer = "c-" + UUID.randomUUID();
    log.record(event(customer, "s", T0, "survey.response", "WEB"));

    log.clearSummaries(customer);
    assertThat(log.find(customer, "s")).hasValueSatisfying(e -> assertThat(e.summary()).isEmpty());

    log.forget(customer);
    assertThat(readAll(Set.of(customer), Set.of(), Set.of(), 50)).isEmpty();
    assertThat(log.find(customer, "s")).isEmpty();
  }
}
