package cx.feedback.store;

import cx.runtime.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import cx.feedback.domain.Answer;
import cx.feedback.domain.Channel;
import cx.feedback.domain.PeriodRollup;
import cx.feedback.domain.FeedbackTimeline;
import cx.feedback.domain.ReadModels;
import cx.feedback.domain.RollupPeriod;
import cx.feedback.domain.LinkedRecord;
import cx.feedback.domain.LinkedRecordKind;
import cx.feedback.domain.NewSurvey;
import cx.feedback.domain.ResponseRecorder;
import cx.feedback.domain.ScoreCell;
import cx.feedback.domain.ScoreRollupStore;
import cx.feedback.domain.ScoreTally;
import cx.feedback.domain.SurveyCatalogue;
import cx.feedback.domain.SurveyType;
import cx.feedback.domain.Touchpoint;
import cx.runtime.store.EmbeddedMongoServer;
import cx.runtime.store.MongoCustomerEventLog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Counting responses in the score rollups on the embedded store, with the failures a process
 * can meet between storing a response and counting it.
 */
class ResponseCountingTest {

  static final Instant START = Instant.parse("2026-05-04T09:00:00Z");
  static final LocalDate DAY = LocalDate.parse("2026-05-04");

  static EmbeddedMongoServer server;
  static MongoClient client;

  final TestClock clock = TestClock.fixedAt(START);
  MongoDatabase database;
  MongoScoreRollupStore rollups;
  CrashingRollups crashingRollups;
  SurveyCatalogue surveys;
  ResponseRecorder recorder;
  String surveyId;

  @BeforeAll
  static void startStore() {
    server = EmbeddedMongoServer.inMemory();
    client = MongoClients.create(server.connectionString());
  }

  @AfterAll
  static void stopStore() {
    client.close();
    server.close();
  }

  ResponseCountingTest() {
    database = client.getDatabase("counting_" + System.nanoTime());
    rollups = new MongoScoreRollupStore(database, clock);
    crashingRollups = new CrashingRollups(rollups);
    surveys = new SurveyCatalogue(new MongoSurveyStore(database), clock);
    recorder = new ResponseRecorder(surveys, new MongoResponseStore(database), new MongoFollowUpStore(database),
        crashingRollups, new ReadModels(new MongoComplaintStatsStore(database),
        new FeedbackTimeline(new MongoCustomerEventLog(database, "timeline")), new MongoCustomerRecordIndex(database)),
        clock);
    surveyId = surveys.create("nps-1", new NewSurvey("After delivery", SurveyType.NPS, "Recommend us?", "",
        Touchpoint.AFTER_DELIVERY, List.of(), START.minus(Duration.ofDays(1)), null, null)).id();
  }

  Answer answer(int score) {
    return answer("cust-1", score);
  }

  Answer answer(String customerId, int score) {
    return new Answer(customerId, surveyId, new LinkedRecord(LinkedRecordKind.ORDER, "o-1"), OptionalInt.of(score),
        "", "", Channel.EMAIL, START);
  }

  ScoreTally counted() {
    ScoreCell cell = new ScoreCell(SurveyType.NPS, Touchpoint.AFTER_DELIVERY, Channel.EMAIL, surveyId);
    return rollups.read(List.of(RollupPeriod.day(DAY))).stream().map(PeriodRollup::cells).map(c -> c.get(cell))
        .findFirst().orElse(ScoreTally.empty(SurveyType.NPS));
  }

  @Test
  void aRetryOfACountedResponseDoesNotCountItAgain() {
    recorder.submit(answer(9));
    clock.advance(Duration.ofHours(1));
    recorder.submit(answer(9));

    assertThat(counted().responseCount()).isEqualTo(1);
    assertThat(counted().count(9)).isEqualTo(1);
  }

  @Test
  void aRetryAfterACrashBeforeCountingCountsTheResponseOnce() {
    crashingRollups.crashNext = true;
    assertThatThrownBy(() -> recorder.submit(answer(3))).isInstanceOf(IllegalStateException.class);
    assertThat(counted().responseCount()).isZero();

    clock.advance(ResponseRecorder.COUNTING_LEASE.plusSeconds(1));
    recorder.submit(answer(3));
    recorder.submit(answer(3));

    assertThat(counted().count(3)).isEqualTo(1);
    assertThat(counted().responseCount()).isEqualTo(1);
  }

  @Test
  void aRetryWhileTheFirstSubmissionMayStillBeCountingLeavesTheCountingToIt() {
    crashingRollups.crashNext = true;
    assertThatThrownBy(() -> recorder.submit(answer(3))).isInstanceOf(IllegalStateException.class);

    clock.advance(Duration.ofSeconds(5));
    recorder.submit(answer(3));

    assertThat(counted().responseCount()).isZero();
  }

  @Test
  void aBatchRetriedAfterACrashBeforeCountingCountsEachResponseOnceOnlyAfterTheLease() {
    List<Answer> batch = List.of(answer(3), answer("cust-2", 9), answer("cust-3", 9));
    crashingRollups.crashNext = true;
    assertThatThrownBy(() -> recorder.submitAll(batch)).isInstanceOf(IllegalStateException.class);

    clock.advance(Duration.ofSeconds(5));
    recorder.submitAll(batch);
    assertThat(counted().responseCount()).as("within the lease").isZero();

    clock.advance(ResponseRecorder.COUNTING_LEASE);
    recorder.submitAll(batch);
    recorder.submitAll(batch);
    recorder.submit(answer(3));

    assertThat(counted().responseCount()).isEqualTo(3);
    assertThat(counted().count(9)).isEqualTo(2);
    assertThat(counted().count(3)).isEqualTo(1);
  }

  @Test
  void dismissalsAreCountedApartFromScores() {
    recorder.submit(new Answer("cust-2", surveyId, new LinkedRecord(LinkedRecordKind.ORDER, "o-2"),
        OptionalInt.empty(), "", "", Channel.EMAIL, START));

    assertThat(counted().dismissedCount()).isEqualTo(1);
    assertThat(counted().responseCount()).isZero();
  }

  /** Rollups that fail the next increment, as a process that dies before it would. */
  static final class CrashingRollups implements ScoreRollupStore {
    private final ScoreRollupStore delegate;
    boolean crashNext;

    CrashingRollups(ScoreRollupStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void count(LocalDate day, ScoreCell cell, OptionalInt score) {
      if (crashNext) {
        crashNext = false;
        throw new IllegalStateException("the process stopped here");
      }
      delegate.count(day, cell, score);
    }

    @Override
    public List<PeriodRollup> read(Collection<RollupPeriod> periods) {
      return delegate.read(periods);
    }

    @Override
    public LocalDate weeksAndMonthsSince() {
      return delegate.weeksAndMonthsSince();
    }
  }
}
