package cx.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComplaintLifecycleTest {

  static final Instant FILED = Instant.parse("2026-11-23T10:00:00Z");
  static final Actor AGENT = new Actor(ActorRole.AGENT, "agent-7");
  static final Actor CUSTOMER = new Actor(ActorRole.CUSTOMER, "c1");

  /** A complaint filed by the customer at {@link #FILED}, then moved to {@code state} by an agent. */
  static Complaint complaintIn(ComplaintState state) {
    Complaint complaint = Complaint.file("k1", new NewComplaint("c1", Channel.WEB, ComplaintCategory.DELIVERY,
        ComplaintSeverity.MEDIUM, "The parcel never came.", List.of(), ""), CUSTOMER, Duration.ofDays(7), FILED);
    List<ComplaintTransition> path = switch (state) {
      case OPEN -> List.of();
      case ACKNOWLEDGED -> List.of(ComplaintTransition.ACKNOWLEDGE);
      case IN_PROGRESS -> List.of(ComplaintTransition.ACKNOWLEDGE, ComplaintTransition.START_WORK);
      case RESOLVED -> List.of(ComplaintTransition.ACKNOWLEDGE, ComplaintTransition.START_WORK,
          ComplaintTransition.RESOLVE);
      case CLOSED -> List.of(ComplaintTransition.ACKNOWLEDGE, ComplaintTransition.START_WORK,
          ComplaintTransition.RESOLVE, ComplaintTransition.CLOSE);
    };
    for (ComplaintTransition transition : path) {
      complaint = ComplaintLifecycle.apply(complaint, transition, AGENT, "note", complaint.updateTime().plusSeconds(60));
    }
    return complaint;
  }

  static final Map<ComplaintState, Map<ComplaintTransition, ComplaintState>> LEGAL = Map.of(
      ComplaintState.OPEN, Map.of(ComplaintTransition.ACKNOWLEDGE, ComplaintState.ACKNOWLEDGED),
      ComplaintState.ACKNOWLEDGED, Map.of(ComplaintTransition.START_WORK, ComplaintState.IN_PROGRESS),
      ComplaintState.IN_PROGRESS, Map.of(ComplaintTransition.RESOLVE, ComplaintState.RESOLVED),
      ComplaintState.RESOLVED, Map.of(ComplaintTransition.REOPEN, ComplaintState.IN_PROGRESS,
          ComplaintTransition.CLOSE, ComplaintState.CLOSED),
      ComplaintState.CLOSED, Map.of());

  static Stream<Arguments> everyStateAndMove() {
    return Stream.of(ComplaintState.values())
        .flatMap(state -> Stream.of(ComplaintTransition.values()).map(move -> Arguments.of(state, move)));
  }

  @ParameterizedTest(name = "{1} from {0}")
  @MethodSource("everyStateAndMove")
  void exactlyTheLegalMovesAreAllowedAndLandInTheirState(ComplaintState state, ComplaintTransition move) {
    Complaint complaint = complaintIn(state);
    ComplaintState expected = LEGAL.get(state).get(move);
    Instant now = complaint.updateTime().plusSeconds(60);

    if (expected != null) {
      Complaint moved = ComplaintLifecycle.apply(complaint, move, AGENT, "because", now);
      assertThat(moved.state()).isEqualTo(expected);
      assertThat(moved.version()).isEqualTo(complaint.version() + 1);
      assertThat(moved.updates()).hasSize(complaint.updates().size() + 1);
      assertThat(moved.updates().get(moved.updates().size() - 1)).isEqualTo(new ComplaintUpdate(String.valueOf(moved.updates().size()),
          move.recordedAs(), state, expected, AGENT, "because", now));
    } else {
      assertThatThrownBy(() -> ComplaintLifecycle.apply(complaint, move, AGENT, "because", now))
          .isInstanceOfSatisfying(FailedPreconditionException.class, e -> {
            assertThat(e.reason()).isEqualTo("INVALID_COMPLAINT_STATE");
            assertThat(e.metadata()).containsEntry("state", state.name());
            assertThat(e.getMessage()).contains(state.name());
          });
    }
  }

  @Test
  void closedIsFinal() {
    assertThat(Stream.of(ComplaintTransition.values()).filter(t -> t.isAllowedFrom(ComplaintState.CLOSED))).isEmpty();
  }

  @Nested
  class HandlingTimes {

    @Test
    void theFirstAgentUpdateSetsTheFirstResponseTime() {
      Complaint acknowledged = ComplaintLifecycle.apply(complaintIn(ComplaintState.OPEN),
          ComplaintTransition.ACKNOWLEDGE, AGENT, "", FILED.plus(Duration.ofMinutes(45)));

      assertThat(acknowledged.firstResponseTime()).isEqualTo(FILED.plus(Duration.ofMinutes(45)));
      assertThat(acknowledged.firstResponseDuration()).contains(Duration.ofMinutes(45));
    }

    @Test
    void aCustomersOwnUpdateIsNotAResponse() {
      Complaint resolved = complaintIn(ComplaintState.RESOLVED);
      Complaint reopened = ComplaintLifecycle.apply(resolved, ComplaintTransition.REOPEN, CUSTOMER, "still broken",
          resolved.updateTime().plusSeconds(1));

      assertThat(reopened.firstResponseTime()).isEqualTo(resolved.firstResponseTime());
    }

    @Test
    void aFreshComplaintHasNoDurationsYet() {
      Complaint open = complaintIn(ComplaintState.OPEN);

      assertThat(open.firstResponseDuration()).isEmpty();
      assertThat(open.resolutionDuration()).isEmpty();
      assertThat(open.fullResolutionDuration()).isEmpty();
      assertThat(open.resolveByTime()).isEqualTo(FILED.plus(Duration.ofDays(7)));
    }

    @Test
    void timeToResolutionKeepsTheFirstResolutionWhileFullResolutionTimeFollowsReopens() {
      Complaint complaint = complaintIn(ComplaintState.OPEN);
      complaint = ComplaintLifecycle.apply(complaint, ComplaintTransition.ACKNOWLEDGE, AGENT, "", at(1));
      complaint = ComplaintLifecycle.apply(complaint, ComplaintTransition.START_WORK, AGENT, "", at(2));
      complaint = ComplaintLifecycle.apply(complaint, ComplaintTransition.RESOLVE, AGENT, "refunded", at(10));
      complaint = ComplaintLifecycle.apply(complaint, ComplaintTransition.REOPEN, CUSTOMER, "no refund", at(20));
      complaint = ComplaintLifecycle.apply(complaint, ComplaintTransition.RESOLVE, AGENT, "refunded now", at(30));
      complaint = ComplaintLifecycle.apply(complaint, ComplaintTransition.REOPEN, CUSTOMER, "still none", at(40));
      complaint = ComplaintLifecycle.apply(complaint, ComplaintTransition.RESOLVE, AGENT, "bank confirmed", at(50));
      complaint = ComplaintLifecycle.apply(complaint, ComplaintTransition.CLOSE, AGENT, "", at(60));

      assertThat(complaint.firstResponseDuration()).contains(Duration.ofHours(1));
      assertThat(complaint.resolutionDuration()).contains(Duration.ofHours(10));
      assertThat(complaint.fullResolutionDuration()).contains(Duration.ofHours(50));
      assertThat(complaint.reopenCount()).isEqualTo(2);
      assertThat(complaint.closeTime()).isEqualTo(at(60));
      assertThat(complaint.updates()).extracting(ComplaintUpdate::kind).containsExactly(ComplaintUpdateKind.FILED,
          ComplaintUpdateKind.ACKNOWLEDGED, ComplaintUpdateKind.WORK_STARTED, ComplaintUpdateKind.RESOLVED,
          ComplaintUpdateKind.REOPENED, ComplaintUpdateKind.RESOLVED, ComplaintUpdateKind.REOPENED,
          ComplaintUpdateKind.RESOLVED, ComplaintUpdateKind.CLOSED);
    }

    @Test
    void aReopenClearsTheRatingOfTheEarlierResolution() {
      Complaint resolved = complaintIn(ComplaintState.RESOLVED);
      Complaint rated = new Complaint(resolved.id(), resolved.customerId(), resolved.channel(), resolved.category(),
          resolved.severity(), resolved.description(), resolved.relatedRecords(), resolved.state(), resolved.updates(),
          resolved.filedBy(), resolved.resolveByTime(), resolved.firstResponseTime(), resolved.firstResolveTime(),
          resolved.lastResolveTime(), 0, null, new ResolutionRating(3, "", at(5)), "", resolved.version(),
          resolved.createTime(), resolved.updateTime());

      assertThat(ComplaintLifecycle.apply(rated, ComplaintTransition.REOPEN, CUSTOMER, "no", at(6)).resolutionRating())
          .isNull();
    }

    private Instant at(int hours) {
      return FILED.plus(Duration.ofHours(hours));
    }
  }

  @Nested
  class Notes {

    @Test
    void resolvingAndReopeningNeedANote() {
      for (ComplaintTransition move : List.of(ComplaintTransition.RESOLVE, ComplaintTransition.REOPEN)) {
        assertThatThrownBy(() -> ComplaintLifecycle.checkNote(move, " ", "note"))
            .isInstanceOfSatisfying(InvalidArgumentException.class,
                e -> assertThat(e.violations().get(0).field()).isEqualTo("note"));
      }
      ComplaintLifecycle.checkNote(ComplaintTransition.ACKNOWLEDGE, "", "note");
    }

    @Test
    void anOversizedNoteIsTextTooLong() {
      assertThatThrownBy(() -> ComplaintLifecycle.checkNote(ComplaintTransition.CLOSE, "x".repeat(5001), "note"))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(e.reason()).isEqualTo("TEXT_TOO_LONG"));
    }
  }
}
