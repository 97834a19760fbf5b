package cx.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import cx.runtime.observability.BusinessEventCounter;
import cx.runtime.timeline.CustomerEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Business counters count each recorded event once, by kind, however often it is recorded. */
class BusinessEventCountingTest {

  private static EmbeddedMongoServer server;
  private static MongoClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedMongoServer.inMemory();
    client = MongoClients.create(server.connectionString());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void anEventRecordedAgainIsCountedOnceAndEachKindApart() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    MongoCustomerEventLog log = new MongoCustomerEventLog(client.getDatabase("counting_test"), "timeline",
        new BusinessEventCounter(meters));
    CustomerEvent filed = event("c1", "complaint:1:0", "complaint.filed");

    log.record(filed);
    log.record(filed);
    log.record(event("c1", "complaint:1:1", "complaint.resolved"));
    log.record(event("c2", "complaint:2:0", "complaint.filed"));

    assertThat(count(meters, "complaint.filed")).isEqualTo(2);
    assertThat(count(meters, "complaint.resolved")).isEqualTo(1);
  }

  @Test
  void eventsRecordedInBulkAreCountedOnceEachAsWell() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    MongoCustomerEventLog log = new MongoCustomerEventLog(client.getDatabase("bulk_counting_test"), "timeline",
        new BusinessEventCounter(meters));
    List<CustomerEvent> batch = List.of(event("c1", "response:1", "survey.response"),
        event("c2", "response:2", "survey.response"), event("c2", "followup:2:opened", "followup.opened"));

    log.recordAll(batch);
    log.recordAll(batch);
    log.record(batch.get(0));

    assertThat(count(meters, "survey.response")).isEqualTo(2);
    assertThat(count(meters, "followup.opened")).isEqualTo(1);
  }

  private static double count(SimpleMeterRegistry meters, String kind) {
    return meters.get(BusinessEventCounter.METER).tag("kind", kind).counter().count();
  }

  private static CustomerEvent event(String customer, String id, String kind) {
    return new CustomerEvent(id, customer, Instant.parse("2026-01-01T00:00:00Z"), kind, "WEB", "", "things/" + id,
        List.of(), Map.of());
  }
}
