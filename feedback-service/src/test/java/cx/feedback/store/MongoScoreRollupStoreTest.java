package cx.feedback.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import cx.feedback.domain.Channel;
import cx.feedback.domain.PeriodRollup;
import cx.feedback.domain.RollupPeriod;
import cx.feedback.domain.ScoreCell;
import cx.feedback.domain.SurveyType;
import cx.feedback.domain.Touchpoint;
import cx.runtime.store.EmbeddedMongoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Day, week and month rollups on the embedded store. */
class MongoScoreRollupStoreTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-09-15T12:00:00Z"), ZoneOffset.UTC);
  static final LocalDate DAY = LocalDate.parse("2026-09-10");
  static final ScoreCell CELL = new ScoreCell(SurveyType.NPS, Touchpoint.AFTER_DELIVERY, Channel.EMAIL, "s-1");

  static EmbeddedMongoServer server;
  static MongoClient client;

  final MongoDatabase database = client.getDatabase("rollups_" + System.nanoTime());

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
  void aResponseIsCountedInItsDayItsWeekAndItsMonth() {
    MongoScoreRollupStore rollups = new MongoScoreRollupStore(database, CLOCK);
    rollups.count(DAY, CELL, OptionalInt.of(9));
    rollups.count(DAY.plusDays(1), CELL, OptionalInt.of(3));
    rollups.count(DAY.plusDays(1), CELL, OptionalInt.empty());
    rollups.count(DAY.plusDays(30), CELL, OptionalInt.of(10));

    assertThat(rollups.weeksAndMonthsSince()).isBefore(DAY);
    assertThat(countOf(rollups, RollupPeriod.day(DAY))).isEqualTo(1);
    assertThat(countOf(rollups, RollupPeriod.weekOf(DAY))).isEqualTo(2);
    assertThat(countOf(rollups, RollupPeriod.monthOf(DAY))).isEqualTo(2);
    assertThat(countOf(rollups, RollupPeriod.monthOf(DAY.plusDays(30)))).isEqualTo(1);
    assertThat(rollups.read(List.of(RollupPeriod.weekOf(DAY))).get(0).cells().get(CELL).dismissedCount()).isEqualTo(1);
  }

  @Test
  void aStoreThatHadDayRollupsOnlyTakesWeeksAndMonthsFromTomorrowOn() {
    // As an earlier version left it: day documents, no weeks or months.
    database.getCollection("score_rollups").updateOne(Filters.eq("_id", DAY.toString()),
        Updates.inc("cells.NPS|AFTER_DELIVERY|EMAIL|s-1.s9", 1L), new UpdateOptions().upsert(true));

    MongoScoreRollupStore rollups = new MongoScoreRollupStore(database, CLOCK);

    assertThat(rollups.weeksAndMonthsSince()).isEqualTo(LocalDate.parse("2026-09-16"));
    assertThat(new MongoScoreRollupStore(database, Clock.offset(CLOCK, Duration.ofDays(30)))
        .weeksAndMonthsSince()).as("opened again later").isEqualTo(LocalDate.parse("2026-09-16"));
  }

  @Test
  void concurrentFirstCountsOfNewPeriodsAreAllCounted() throws Exception {
    MongoScoreRollupStore rollups = new MongoScoreRollupStore(database, CLOCK);
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < 10; round++) {
        LocalDate day = DAY.plusMonths(round + 1);
        CyclicBarrier start = new CyclicBarrier(writers);
        List<Future<?>> counts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          counts.add(pool.submit(() -> {
            start.await();
            rollups.count(day, CELL, OptionalInt.of(10));
            return null;
          }));
        }
        for (Future<?> count : counts) {
          count.get(30, TimeUnit.SECONDS);
        }
        for (RollupPeriod period : List.of(RollupPeriod.day(day), RollupPeriod.weekOf(day), RollupPeriod.monthOf(day))) {
          assertThat(countOf(rollups, period)).as("%s", period).isEqualTo(writers);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long countOf(MongoScoreRollupStore rollups, RollupPeriod period) {
    return rollups.read(List.of(period)).stream().map(PeriodRollup::cells).map(c -> c.get(CELL))
        .mapToLong(t -> t.responseCount()).sum();
  }
}
