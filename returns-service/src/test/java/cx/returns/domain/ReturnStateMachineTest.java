package cx.returns.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.FailedPreconditionException;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReturnStateMachineTest {

  /** Every legal arrow; anything not listed here must be refused. */
  private static final Map<ReturnState, Map<ReturnTransition, ReturnState>> LEGAL = new EnumMap<>(ReturnState.class);

  static {
    legal(ReturnState.REQUESTED, ReturnTransition.APPROVE, ReturnState.APPROVED);
    legal(ReturnState.REQUESTED, ReturnTransition.REJECT, ReturnState.REJECTED);
    legal(ReturnState.REQUESTED, ReturnTransition.CANCEL, ReturnState.CANCELLED);
    legal(ReturnState.APPROVED, ReturnTransition.MARK_IN_TRANSIT, ReturnState.IN_TRANSIT);
    legal(ReturnState.APPROVED, ReturnTransition.CANCEL, ReturnState.CANCELLED);
    legal(ReturnState.APPROVED, ReturnTransition.EXPIRE, ReturnState.EXPIRED);
    legal(ReturnState.IN_TRANSIT, ReturnTransition.RECEIVE, ReturnState.RECEIVED);
    legal(ReturnState.IN_TRANSIT, ReturnTransition.CANCEL, ReturnState.CANCELLED);
    legal(ReturnState.RECEIVED, ReturnTransition.INSPECT, ReturnState.INSPECTED);
    legal(ReturnState.INSPECTED, ReturnTransition.REFUND, ReturnState.REFUNDED);
    legal(ReturnState.INSPECTED, ReturnTransition.EXCHANGE, ReturnState.EXCHANGED);
    legal(ReturnState.INSPECTED, ReturnTransition.ISSUE_CREDIT, ReturnState.CREDITED);
    legal(ReturnState.INSPECTED, ReturnTransition.REJECT, ReturnState.REJECTED);
  }

  private static void legal(ReturnState from, ReturnTransition transition, ReturnState to) {
    LEGAL.computeIfAbsent(from, s -> new EnumMap<>(ReturnTransition.class)).put(transition, to);
  }

  static Stream<Arguments> everyStateAndTransition() {
    return Stream.of(ReturnState.values())
        .flatMap(state -> Stream.of(ReturnTransition.values()).map(transition -> Arguments.of(state, transition)));
  }

  @ParameterizedTest(name = "{0} --{1}-->")
  @MethodSource("everyStateAndTransition")
  void everyTransitionIsEitherInTheTableOrRefusedWithTheCurrentState(ReturnState from, ReturnTransition transition) {
    ReturnState expected = LEGAL.getOrDefault(from, Map.of()).get(transition);
    if (expected != null) {
      assertThat(ReturnStateMachine.next(from, transition, false)).isEqualTo(expected);
    } else if (from == ReturnState.RECEIVED && transition == ReturnTransition.RECEIVE) {
      assertThat(ReturnStateMachine.target(from, transition, false)).isEmpty();
    } else {
      assertThatThrownBy(() -> ReturnStateMachine.next(from, transition, true))
          .isInstanceOfSatisfying(FailedPreconditionException.class, e -> {
            assertThat(e.reason()).isEqualTo("INVALID_RETURN_STATE");
            assertThat(e.metadata()).containsEntry("state", from.name());
          });
    }
  }

  @Test
  void aReceivedReturnCanBeReceivedAgainOnlyWhileUnitsAreMissing() {
    assertThat(ReturnStateMachine.next(ReturnState.RECEIVED, ReturnTransition.RECEIVE, true))
        .isEqualTo(ReturnState.RECEIVED);
    assertThatThrownBy(() -> ReturnStateMachine.next(ReturnState.RECEIVED, ReturnTransition.RECEIVE, false))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessage("The return is received and cannot be received.");
  }

  @Test
  void finalStatesAllowNothing() {
    for (ReturnState state : ReturnState.values()) {
      boolean anyMove = Stream.of(ReturnTransition.values())
          .anyMatch(t -> ReturnStateMachine.target(state, t, true).isPresent());
      assertThat(anyMove).as(state.name()).isEqualTo(!state.isFinal());
    }
  }

  @Test
  void onlyReturnsThatLeftGiveTheirUnitsBack() {
    assertThat(Stream.of(ReturnState.values()).filter(ReturnState::releasesUnits))
        .containsExactlyInAnyOrder(ReturnState.REJECTED, ReturnState.CANCELLED, ReturnState.EXPIRED);
  }
}
