package cx.feedback.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import cx.feedback.domain.Actor;
import cx.feedback.domain.ActorRole;
import cx.feedback.domain.Answer;
import cx.feedback.domain.Channel;
import cx.feedback.domain.ComplaintCategory;
import cx.feedback.domain.ComplaintDesk;
import cx.feedback.domain.ComplaintSeverity;
import cx.feedback.domain.ComplaintTransition;
import cx.feedback.domain.FeedbackTimeline;
import cx.feedback.domain.LinkedRecord;
import cx.feedback.domain.LinkedRecordKind;
import cx.feedback.domain.NewComplaint;
import cx.feedback.domain.NewSurvey;
import cx.feedback.domain.ProfileDirectory;
import cx.feedback.domain.ReadModels;
import cx.feedback.domain.ResolutionTargets;
import cx.feedback.domain.ResponseRecorder;
import cx.feedback.domain.SurveyCatalogue;
import cx.feedback.domain.SurveyEligibility;
import cx.feedback.domain.SurveyEligibility.Reason;
import cx.feedback.domain.SurveyType;
import cx.feedback.domain.Touchpoint;
import cx.runtime.store.EmbeddedMongoServer;
import cx.runtime.store.MongoCustomerEventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Survey eligibility over merged ids on the embedded store, with profile-service's answer faked. */
class SurveyEligibilityTest {

  static final Instant NOW = Instant.parse("2026-09-15T12:00:00Z");
  static final Actor AGENT = new Actor(ActorRole.AGENT, "agent-1");

  static EmbeddedMongoServer server;
  static MongoClient client;

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final MongoDatabase database = client.getDatabase("eligibility_" + System.nanoTime());
  final MongoResponseStore responses = new MongoResponseStore(database);
  final MongoComplaintStore complaintStore = new MongoComplaintStore(database);
  final MongoCustomerRecordIndex index = new MongoCustomerRecordIndex(database);
  final ReadModels views = new ReadModels(new MongoComplaintStatsStore(database),
      new FeedbackTimeline(new MongoCustomerEventLog(database, "timeline")), index);
  final SurveyCatalogue surveys = new SurveyCatalogue(new MongoSurveyStore(database), clock);
  final ResponseRecorder recorder = new ResponseRecorder(surveys, responses, new MongoFollowUpStore(database),
      new MongoScoreRollupStore(database, clock), views, clock);
  final ComplaintDesk desk = new ComplaintDesk(complaintStore, new MongoFollowUpStore(database), views,
      new ResolutionTargets(Map.of(ComplaintSeverity.LOW, Duration.ofDays(9), ComplaintSeverity.MEDIUM,
          Duration.ofDays(5), ComplaintSeverity.HIGH, Duration.ofDays(2), ComplaintSeverity.CRITICAL,
          Duration.ofDays(1))), clock);
  final String surveyId = surveys.create("csat", new NewSurvey("After support", SurveyType.CSAT, "Happy?", "",
      Touchpoint.AFTER_SUPPORT_CASE, List.of(Channel.EMAIL), NOW.minus(Duration.ofDays(100)), null,
      Duration.ofDays(10))).id();

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

  SurveyEligibility eligibility(ProfileDirectory.Consent consent, Set<String> mergedIds) {
    return new SurveyEligibility(surveys, responses, complaintStore, index,
        (customerId, channel) -> new ProfileDirectory.SurveyConsent(mergedIds, consent), Duration.ofDays(30), clock);
  }

  void answered(String customerId, Instant when, String caseId) {
    recorder.submit(new Answer(customerId, surveyId, new LinkedRecord(LinkedRecordKind.SUPPORT_CASE, caseId),
        OptionalInt.of(4), "", "", Channel.EMAIL, when));
  }

  @Test
  void aCustomerWithNothingAgainstThemMayBeSurveyed() {
    SurveyEligibility.Decision decision = eligibility(ProfileDirectory.Consent.ALLOWED, Set.of("fresh"))
        .check("fresh", Channel.EMAIL, null, null);

    assertThat(decision.eligible()).isTrue();
    assertThat(decision.quietPeriod()).isEqualTo(Duration.ofDays(30));
    assertThat(decision.lastSurveyTime()).isNull();
  }

  @Test
  void anAnswerOnAMergedIdWithinTheSurveysQuietPeriodAndAnOpenComplaintBlockIt() {
    answered("old-id", NOW.minus(Duration.ofDays(4)), "case-1");
    var complaint = desk.file("k1", new NewComplaint("old-id", Channel.WEB, ComplaintCategory.SERVICE,
        ComplaintSeverity.LOW, "Nobody called back.", List.of(), ""), AGENT);

    SurveyEligibility.Decision decision = eligibility(ProfileDirectory.Consent.ALLOWED, Set.of("main", "old-id"))
        .check("main", Channel.EMAIL, surveyId, new LinkedRecord(LinkedRecordKind.SUPPORT_CASE, "case-2"));

    assertThat(decision.reasons()).containsExactly(Reason.QUIET_PERIOD, Reason.OPEN_COMPLAINT);
    assertThat(decision.quietPeriod()).isEqualTo(Duration.ofDays(10));
    assertThat(decision.quietPeriodEnd()).isEqualTo(NOW.plus(Duration.ofDays(6)));
    assertThat(decision.openComplaints()).containsExactly(complaint.name());

    desk.move("old-id", "k1", ComplaintTransition.ACKNOWLEDGE, 0, AGENT, "", "note");
    desk.move("old-id", "k1", ComplaintTransition.START_WORK, 0, AGENT, "", "note");
    desk.move("old-id", "k1", ComplaintTransition.RESOLVE, 0, AGENT, "Called.", "note");
    assertThat(eligibility(ProfileDirectory.Consent.ALLOWED, Set.of("main", "old-id"))
        .check("main", Channel.EMAIL, null, null).reasons()).containsExactly(Reason.QUIET_PERIOD);
  }

  @Test
  void everyOtherReasonIsReportedInTheContractsOrder() {
    answered("someone", NOW.minus(Duration.ofDays(40)), "case-9");

    SurveyEligibility.Decision refused = eligibility(ProfileDirectory.Consent.REFUSED, Set.of("someone"))
        .check("someone", Channel.SMS, surveyId, new LinkedRecord(LinkedRecordKind.SUPPORT_CASE, "case-9"));
    SurveyEligibility.Decision unknown = eligibility(ProfileDirectory.Consent.UNKNOWN, Set.of("someone"))
        .check("someone", Channel.EMAIL, null, null);

    assertThat(refused.reasons()).containsExactly(Reason.NO_CONSENT, Reason.CHANNEL_NOT_OFFERED,
        Reason.ALREADY_RESPONDED);
    assertThat(refused.lastSurveyTime()).isEqualTo(NOW.minus(Duration.ofDays(40)));
    assertThat(unknown.reasons()).containsExactly(Reason.CONSENT_SERVICE_UNAVAILABLE);
    assertThat(unknown.eligible()).isFalse();
  }
}
