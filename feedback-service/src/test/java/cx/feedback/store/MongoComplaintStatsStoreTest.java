package cx.feedback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import cx.feedback.domain.Channel;
import cx.feedback.domain.FollowUpFacts;
import cx.feedback.domain.FollowUpOutcome;
import cx.feedback.domain.FollowUpState;
import cx.runtime.store.EmbeddedMongoServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The statistics' facts in day buckets on the embedded store. */
class MongoComplaintStatsStoreTest {

  static final LocalDate DAY = LocalDate.parse("2026-09-15");

  static EmbeddedMongoServer server;
  static MongoClient client;

  final MongoDatabase database = client.getDatabase("stats_" + System.nanoTime());
  final MongoComplaintStatsStore store = new MongoComplaintStatsStore(database);

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
  void aBusyDayFillsBucketsOfBoundedSizeAndIsReadWholeWithoutTheNextDay() {
    int count = DailyFactBuckets.BUCKET_SIZE * 3 + 17;
    for (int i = 0; i < count; i++) {
      store.record(open("f-" + i, DAY.atTime(i % 24, 59, 59).toInstant(ZoneOffset.UTC), 1));
    }
    // Every record's later version goes to the bucket its first went to.
    for (int i = 0; i < count; i += 7) {
      store.record(closed("f-" + i, DAY.atTime(i % 24, 59, 59).toInstant(ZoneOffset.UTC), 2));
    }
    store.record(open("f-next-day", DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), 1));

    List<FollowUpFacts> read = store.followUpsOpenedOn(List.of(DAY));
    assertThat(read).extracting(FollowUpFacts::followUpId).doesNotHaveDuplicates().hasSize(count)
        .doesNotContain("f-next-day");
    assertThat(read).filteredOn(f -> f.state() == FollowUpState.CLOSED).hasSize((count + 6) / 7);
    assertThat(store.followUpsOpenedOn(List.of(DAY, DAY.plusDays(1)))).hasSize(count + 1);
    assertThat(store.firstDay()).contains(DAY);
    for (Document bucket : database.getCollection("follow_up_facts_by_day").find()) {
      assertThat(bucket.get("facts", Document.class).size()).isLessThanOrEqualTo(DailyFactBuckets.BUCKET_SIZE);
    }
  }

  @Test
  void manyFactsKeptInOneCallFillBucketsAsSingleRecordsDoAndLaterVersionsFindThem() {
    int count = DailyFactBuckets.BUCKET_SIZE * 2 + 5;
    List<FollowUpFacts> opened = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      opened.add(open("b-" + i, DAY.atTime(12, 0).toInstant(ZoneOffset.UTC), 1));
    }
    store.recordAll(opened);
    store.recordAll(opened);
    store.recordAll(opened.stream().filter(f -> f.followUpId().endsWith("3"))
        .map(f -> closed(f.followUpId(), f.createTime(), 2)).toList());
    store.record(open("b-late", DAY.atTime(23, 0).toInstant(ZoneOffset.UTC), 1));

    List<FollowUpFacts> read = store.followUpsOpenedOn(List.of(DAY));
    assertThat(read).extracting(FollowUpFacts::followUpId).doesNotHaveDuplicates().hasSize(count + 1);
    assertThat(read).filteredOn(f -> f.state() == FollowUpState.CLOSED)
        .allSatisfy(f -> assertThat(f.followUpId()).endsWith("3"))
        .hasSize((int) opened.stream().filter(f -> f.followUpId().endsWith("3")).count());
    assertThat(database.getCollection("follow_up_facts_by_day").countDocuments()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aGroupOfNewRecordsMeetingOneAlreadyInItsBucketIsWrittenOneByOneOnItsConditions() {
    Instant opened = DAY.atTime(8, 0).toInstant(ZoneOffset.UTC);
    // As a racing writer could have left it: a record's facts in the bucket before its slot.
    database.getCollection("follow_up_facts_by_day").updateOne(Filters.eq("_id", DAY + "#0"),
        Updates.set("facts.f-there", legacy(opened, "CLOSED", 3)), new UpdateOptions().upsert(true));

    store.recordAll(List.of(open("f-there", opened, 1), open("f-new", opened, 1), open("f-other", opened, 1)));

    assertThat(store.followUpsOpenedOn(List.of(DAY)))
        .extracting(FollowUpFacts::followUpId, FollowUpFacts::state, FollowUpFacts::version)
        .containsExactlyInAnyOrder(tuple("f-there", FollowUpState.CLOSED, 3L), tuple("f-new", FollowUpState.OPEN, 1L),
            tuple("f-other", FollowUpState.OPEN, 1L));
  }

  @Test
  void aNewerVersionReplacesTheFactsAndAnOlderOneIsIgnored() {
    Instant opened = DAY.atTime(10, 0).toInstant(ZoneOffset.UTC);
    store.record(open("f-1", opened, 1));
    store.record(closed("f-1", opened, 3));
    store.record(open("f-1", opened, 2));

    assertThat(store.followUpsOpenedOn(List.of(DAY))).singleElement()
        .satisfies(f -> assertThat(f.state()).isEqualTo(FollowUpState.CLOSED))
        .satisfies(f -> assertThat(f.version()).isEqualTo(3));
  }

  @Test
  void factsInADaysOwnDocumentFromAnEarlierVersionAreReadAndTheNewerVersionOfAnIdCounts() {
    Instant opened = DAY.atTime(9, 30).toInstant(ZoneOffset.UTC);
    // As an earlier version kept them: every fact of the day in one document keyed by the day.
    database.getCollection("follow_up_facts_by_day").updateOne(Filters.eq("_id", DAY.toString()),
        Updates.combine(Updates.set("facts.f-old", legacy(opened, "CLOSED", 4)),
            Updates.set("facts.f-both", legacy(opened, "OPEN", 1))), new UpdateOptions().upsert(true));
    store.record(closed("f-both", opened, 2));

    assertThat(store.followUpsOpenedOn(List.of(DAY)))
        .extracting(FollowUpFacts::followUpId, FollowUpFacts::state, FollowUpFacts::version)
        .containsExactlyInAnyOrder(
            tuple("f-old", FollowUpState.CLOSED, 4L),
            tuple("f-both", FollowUpState.CLOSED, 2L));
  }

  private static FollowUpFacts open(String id, Instant opened, long version) {
    return new FollowUpFacts(id, Channel.EMAIL, FollowUpState.OPEN, null, opened, null, version);
  }

  private static FollowUpFacts closed(String id, Instant opened, long version) {
    return new FollowUpFacts(id, Channel.EMAIL, FollowUpState.CLOSED, FollowUpOutcome.values()[0], opened,
        Duration.ofHours(5), version);
  }

  private static Document legacy(Instant opened, String state, long version) {
    return new Document("channel", "EMAIL").append("state", state)
        .append("outcome", state.equals("CLOSED") ? FollowUpOutcome.values()[0].name() : null)
        .append("createTime", Date.from(opened)).append("closeMillis", state.equals("CLOSED") ? 1_000L : null)
        .append("version", version);
  }
}
