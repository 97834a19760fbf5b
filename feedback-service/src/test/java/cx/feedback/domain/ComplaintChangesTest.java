package cx.feedback.domain;

import static cx.feedback.domain.ComplaintLifecycleTest.AGENT;
import static cx.feedback.domain.ComplaintLifecycleTest.CUSTOMER;
import static cx.feedback.domain.ComplaintLifecycleTest.FILED;
import static cx.feedback.domain.ComplaintLifecycleTest.complaintIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The changes of a complaint that are not moves of its lifecycle: notes, triage, ratings. */
class ComplaintChangesTest {

  static final Instant LATER = FILED.plus(Duration.ofDays(1));
  static final ResolutionTargets TARGETS = new ResolutionTargets(Map.of(ComplaintSeverity.LOW, Duration.ofDays(14),
      ComplaintSeverity.MEDIUM, Duration.ofDays(7), ComplaintSeverity.HIGH, Duration.ofDays(3),
      ComplaintSeverity.CRITICAL, Duration.ofDays(1)));

  @Test
  void anAgentsNoteIsTheFirstResponseAndKeepsTheState() {
    Complaint noted = ComplaintLifecycle.addNote(complaintIn(ComplaintState.OPEN), AGENT, "We are on it.", LATER);

    assertThat(noted.state()).isEqualTo(ComplaintState.OPEN);
    assertThat(noted.firstResponseTime()).isEqualTo(LATER);
    assertThat(noted.updates()).last().satisfies(u -> {
      assertThat(u.kind()).isEqualTo(ComplaintUpdateKind.NOTE);
      assertThat(u.note()).isEqualTo("We are on it.");
      assertThat(u.actor()).isEqualTo(AGENT);
    });
    assertThat(noted.version()).isEqualTo(2);
  }

  @Test
  void aCustomersNoteIsNotAResponseAndAClosedComplaintTakesNoNotes() {
    assertThat(ComplaintLifecycle.addNote(complaintIn(ComplaintState.OPEN), CUSTOMER, "Any news?", LATER)
        .firstResponseTime()).isNull();
    assertThatThrownBy(() -> ComplaintLifecycle.addNote(complaintIn(ComplaintState.CLOSED), AGENT, "x", LATER))
        .isInstanceOfSatisfying(FailedPreconditionException.class,
            e -> assertThat(e.metadata()).containsEntry("state", "CLOSED"));
  }

  @Test
  void aFullHistoryTakesNoMoreUpdates() {
    Complaint complaint = complaintIn(ComplaintState.OPEN);
    while (complaint.updates().size() < ComplaintLifecycle.MAX_UPDATES) {
      complaint = ComplaintLifecycle.addNote(complaint, CUSTOMER, "again", LATER);
    }
    Complaint full = complaint;

    assertThatThrownBy(() -> ComplaintLifecycle.addNote(full, AGENT, "one more", LATER))
        .isInstanceOfSatisfying(UpdateLimitException.class, e -> assertThat(e.reason()).isEqualTo("TOO_MANY_UPDATES"));
    assertThatThrownBy(() -> ComplaintLifecycle.apply(full, ComplaintTransition.ACKNOWLEDGE, AGENT, "", LATER))
        .isInstanceOf(UpdateLimitException.class);
  }

  @Test
  void aNewSeverityMovesTheResolveByTimeFromTheFilingTime() {
    Complaint complaint = complaintIn(ComplaintState.IN_PROGRESS);

    Complaint triaged = ComplaintLifecycle.triage(complaint, ComplaintCategory.BILLING, ComplaintSeverity.CRITICAL,
        TARGETS, AGENT, "Charged twice.", LATER);

    assertThat(triaged.resolveByTime()).isEqualTo(FILED.plus(Duration.ofDays(1)));
    assertThat(triaged.category()).isEqualTo(ComplaintCategory.BILLING);
    assertThat(triaged.state()).isEqualTo(ComplaintState.IN_PROGRESS);
    assertThat(triaged.updates()).last().extracting(ComplaintUpdate::kind).isEqualTo(ComplaintUpdateKind.TRIAGED);
    assertThat(ComplaintLifecycle.triage(complaint, ComplaintCategory.BILLING, complaint.severity(), TARGETS, AGENT,
        "", LATER).resolveByTime()).isEqualTo(complaint.resolveByTime());
  }

  @Test
  void aResolvedComplaintIsRatedOnceAndTheSameRatingAgainChangesNothing() {
    Complaint rated = ComplaintLifecycle.rate(complaintIn(ComplaintState.RESOLVED), 9, "Quick.", CUSTOMER, LATER);

    assertThat(rated.resolutionRating()).isEqualTo(new ResolutionRating(9, "Quick.", LATER));
    assertThat(ComplaintLifecycle.rate(rated, 9, "Quick.", CUSTOMER, LATER.plusSeconds(5))).isSameAs(rated);
    assertThatThrownBy(() -> ComplaintLifecycle.rate(rated, 3, "Changed my mind.", CUSTOMER, LATER))
        .isInstanceOfSatisfying(FailedPreconditionException.class,
            e -> assertThat(e.reason()).isEqualTo("ALREADY_RATED"));
  }

  @Test
  void aReopenClearsTheRatingSoThatTheNextResolutionCanBeRated() {
    Complaint rated = ComplaintLifecycle.rate(complaintIn(ComplaintState.RESOLVED), 2, "", CUSTOMER, LATER);
    Complaint reopened = ComplaintLifecycle.apply(rated, ComplaintTransition.REOPEN, CUSTOMER, "Still broken.", LATER);
    Complaint resolvedAgain = ComplaintLifecycle.apply(reopened, ComplaintTransition.RESOLVE, AGENT, "Replaced.",
        LATER.plusSeconds(60));

    assertThat(ComplaintLifecycle.rate(resolvedAgain, 10, "", CUSTOMER, LATER.plusSeconds(90))
        .resolutionRating().score()).isEqualTo(10);
  }

  @Test
  void anUnresolvedComplaintCannotBeRatedAndARatingIsFromZeroToTen() {
    assertThatThrownBy(() -> ComplaintLifecycle.rate(complaintIn(ComplaintState.IN_PROGRESS), 5, "", CUSTOMER, LATER))
        .isInstanceOfSatisfying(FailedPreconditionException.class,
            e -> assertThat(e.reason()).isEqualTo("INVALID_COMPLAINT_STATE"));
    assertThatThrownBy(() -> ComplaintLifecycle.rate(complaintIn(ComplaintState.RESOLVED), 11, "", CUSTOMER, LATER))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.reason()).isEqualTo("SCORE_OUT_OF_RANGE"));
    assertThat(ComplaintLifecycle.rate(complaintIn(ComplaintState.CLOSED), 0, "", CUSTOMER, LATER)
        .resolutionRating().score()).isZero();
  }
}
