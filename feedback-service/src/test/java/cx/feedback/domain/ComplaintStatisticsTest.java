package cx.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComplaintStatisticsTest {

  static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");
  static final Instant FILED = Instant.parse("2026-06-01T12:00:00Z");

  final ComplaintStatistics statistics = new ComplaintStatistics(null, ComplaintChangesTest.TARGETS,
      Clock.fixed(NOW, ZoneOffset.UTC));

  static ComplaintFacts resolved(ComplaintSeverity severity, Duration ttr, Integer rating) {
    return new ComplaintFacts("k" + ttr, Channel.WEB, ComplaintCategory.DELIVERY, severity, ComplaintState.RESOLVED,
        FILED, Duration.ofHours(1), ttr, ttr.plusHours(2), 0, rating, 4);
  }

  static ComplaintFacts open(ComplaintSeverity severity, Instant filed) {
    return new ComplaintFacts("open" + filed, Channel.WEB, ComplaintCategory.DELIVERY, severity, ComplaintState.OPEN,
        filed, null, null, null, 0, null, 1);
  }

  @Test
  void meanAndMedianTimeToResolutionAndTheSlaSharePerSeverity() {
    List<ComplaintFacts> complaints = List.of(
        resolved(ComplaintSeverity.HIGH, Duration.ofHours(10), 10),
        resolved(ComplaintSeverity.HIGH, Duration.ofHours(20), 9),
        resolved(ComplaintSeverity.HIGH, Duration.ofDays(4), 3),
        resolved(ComplaintSeverity.HIGH, Duration.ofHours(30), null),
        open(ComplaintSeverity.HIGH, NOW.minus(Duration.ofDays(5))),
        open(ComplaintSeverity.HIGH, NOW.minus(Duration.ofDays(1))));

    ComplaintStats stats = statistics.compute(complaints, List.of(), Set.of(), NOW);

    assertThat(stats.complaintCount()).isEqualTo(6);
    assertThat(stats.openCount()).isEqualTo(2);
    assertThat(stats.resolvedCount()).isEqualTo(4);
    // 10 h, 20 h, 30 h, 96 h: mean 39 h, median (20 + 30) / 2 = 25 h.
    assertThat(stats.meanResolution()).isEqualTo(Duration.ofHours(39));
    assertThat(stats.medianResolution()).isEqualTo(Duration.ofHours(25));
    assertThat(stats.meanFullResolution()).isEqualTo(Duration.ofHours(41));
    assertThat(stats.meanFirstResponse()).isEqualTo(Duration.ofHours(1));
    ComplaintStats.BySeverity high = stats.bySeverity().get(2);
    assertThat(high.severity()).isEqualTo(ComplaintSeverity.HIGH);
    // Judged: the four resolved and the one open past its 3-day target; within: 10 h, 20 h, 30 h.
    assertThat(high.slaJudgedCount()).isEqualTo(5);
    assertThat(high.withinSlaCount()).isEqualTo(3);
    assertThat(high.withinSlaPercent()).hasValue(60.0);
    assertThat(stats.bySeverity()).extracting(ComplaintStats.BySeverity::severity).containsExactly(
        ComplaintSeverity.LOW, ComplaintSeverity.MEDIUM, ComplaintSeverity.HIGH, ComplaintSeverity.CRITICAL);
    assertThat(stats.bySeverity().get(0).withinSlaPercent()).isEmpty();
    assertThat(stats.bySeverity().get(0).meanResolution()).isNull();
    assertThat(stats.ratings().count()).isEqualTo(3);
    assertThat(stats.ratings().wellHandledCount()).isEqualTo(2);
    assertThat(stats.ratings().meanScore()).hasValue(22 / 3.0);
  }

  @Test
  void followUpsCountOpenAndClosedWithTheirAgeAndCloseTimes() {
    List<FollowUpFacts> followUps = List.of(
        new FollowUpFacts("f1", Channel.EMAIL, FollowUpState.OPEN, null, NOW.minus(Duration.ofDays(3)), null, 1),
        new FollowUpFacts("f2", Channel.EMAIL, FollowUpState.OPEN, null, NOW.minus(Duration.ofDays(1)), null, 1),
        new FollowUpFacts("f3", Channel.EMAIL, FollowUpState.CLOSED, FollowUpOutcome.ESCALATED_TO_COMPLAINT,
            FILED, Duration.ofHours(2), 2),
        new FollowUpFacts("f4", Channel.EMAIL, FollowUpState.CLOSED, FollowUpOutcome.RESOLVED, FILED,
            Duration.ofHours(4), 2));

    ComplaintStats.FollowUps stats = statistics.compute(List.of(), followUps, Set.of(), NOW).followUps();

    assertThat(stats.count()).isEqualTo(4);
    assertThat(stats.openCount()).isEqualTo(2);
    assertThat(stats.closedCount()).isEqualTo(2);
    assertThat(stats.oldestOpenAge()).isEqualTo(Duration.ofDays(3));
    assertThat(stats.meanClose()).isEqualTo(Duration.ofHours(3));
    assertThat(stats.medianClose()).isEqualTo(Duration.ofHours(3));
    assertThat(stats.escalatedCount()).isEqualTo(1);
  }

  @Test
  void nothingGivesCountsOfZeroAndNoDurations() {
    ComplaintStats stats = statistics.compute(List.of(), List.of(), Set.of(ComplaintSeverity.LOW), NOW);

    assertThat(stats.complaintCount()).isZero();
    assertThat(stats.meanResolution()).isNull();
    assertThat(stats.medianResolution()).isNull();
    assertThat(stats.bySeverity()).hasSize(1);
    assertThat(stats.ratings().meanScore()).isEmpty();
    assertThat(stats.followUps().oldestOpenAge()).isNull();
  }
}
