package cx.returns.api;

import static cx.runtime.testing.GrpcCalls.concurrently;
import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.outcomeOf;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import cx.common.v1.Money;
import cx.returns.v1.ApproveReturnRequest;
import cx.returns.v1.CancelReturnRequest;
import cx.returns.v1.ExchangeLine;
import cx.returns.v1.ExchangeReturnRequest;
import cx.returns.v1.GetReturnRequest;
import cx.returns.v1.InspectReturnRequest;
import cx.returns.v1.InspectedLine;
import cx.returns.v1.IssueReturnCreditRequest;
import cx.returns.v1.ItemCondition;
import cx.returns.v1.MarkReturnInTransitRequest;
import cx.returns.v1.ProductReturn;
import cx.returns.v1.ReceiveReturnRequest;
import cx.returns.v1.ReceivedLine;
import cx.returns.v1.RefundReturnRequest;
import cx.returns.v1.RejectReturnRequest;
import cx.returns.v1.Resolution;
import cx.returns.v1.ReturnLine;
import cx.returns.v1.ReturnReason;
import cx.returns.v1.ReturnState;
import cx.returns.v1.StatusChange;
import cx.runtime.testing.TestClock;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lifecycle after a return was requested, through the real API: every custom method in
 * every state, the arithmetic of settlements, races, and the expiry of unused labels.
 */
abstract class ReturnLifecycleApiTest extends ReturnsApiFixtures {

  /** The custom methods that move a return, each called with valid arguments. */
  enum Move {
    APPROVE, REJECT, MARK_IN_TRANSIT, RECEIVE, INSPECT, REFUND, EXCHANGE, ISSUE_CREDIT, CANCEL
  }

  /** The legal moves: from each state, the state each allowed move leads to. */
  private static final Map<ReturnState, Map<Move, ReturnState>> LEGAL = Map.of(
      ReturnState.RETURN_STATE_REQUESTED, Map.of(Move.APPROVE, ReturnState.RETURN_STATE_APPROVED,
          Move.REJECT, ReturnState.RETURN_STATE_REJECTED, Move.CANCEL, ReturnState.RETURN_STATE_CANCELLED),
      ReturnState.RETURN_STATE_APPROVED, Map.of(Move.MARK_IN_TRANSIT, ReturnState.RETURN_STATE_IN_TRANSIT,
          Move.CANCEL, ReturnState.RETURN_STATE_CANCELLED),
      ReturnState.RETURN_STATE_IN_TRANSIT, Map.of(Move.RECEIVE, ReturnState.RETURN_STATE_RECEIVED,
          Move.CANCEL, ReturnState.RETURN_STATE_CANCELLED),
      ReturnState.RETURN_STATE_RECEIVED, Map.of(Move.INSPECT, ReturnState.RETURN_STATE_INSPECTED),
      ReturnState.RETURN_STATE_INSPECTED, Map.of(Move.REFUND, ReturnState.RETURN_STATE_REFUNDED,
          Move.EXCHANGE, ReturnState.RETURN_STATE_EXCHANGED, Move.ISSUE_CREDIT, ReturnState.RETURN_STATE_CREDITED,
          Move.REJECT, ReturnState.RETURN_STATE_REJECTED),
      ReturnState.RETURN_STATE_REFUNDED, Map.of(),
      ReturnState.RETURN_STATE_REJECTED, Map.of(),
      ReturnState.RETURN_STATE_CANCELLED, Map.of());

  @Autowired
  TestClock clock;

  @Autowired
  ReturnExpirySweep expirySweep;

  @AfterEach
  void backToTheSystemTime() {
    clock.reset();
  }

  ProductReturn get(String name) {
    return returns.getReturn(GetReturnRequest.newBuilder().setName(name).build()).getProductReturn();
  }

  /** A return of both cups of a fresh order, approved at once, or of its television, left for an agent. */
  ProductReturn requested(boolean expensive) {
    String orderName = recordCupsAndTelevision();
    return expensive ? create(orderName, returnLine("TV", 1)) : create(orderName, returnLine("CUP", 2));
  }

  /** A fresh return brought into {@code state} through the API. */
  ProductReturn returnIn(ReturnState state) {
    return switch (state) {
      case RETURN_STATE_REQUESTED -> requested(true);
      case RETURN_STATE_APPROVED -> requested(false);
      case RETURN_STATE_REJECTED -> move(requested(true), Move.REJECT);
      case RETURN_STATE_CANCELLED -> move(requested(true), Move.CANCEL);
      case RETURN_STATE_IN_TRANSIT -> move(requested(false), Move.MARK_IN_TRANSIT);
      case RETURN_STATE_RECEIVED -> move(returnIn(ReturnState.RETURN_STATE_IN_TRANSIT), Move.RECEIVE);
      case RETURN_STATE_INSPECTED -> move(returnIn(ReturnState.RETURN_STATE_RECEIVED), Move.INSPECT);
      case RETURN_STATE_REFUNDED -> move(returnIn(ReturnState.RETURN_STATE_INSPECTED), Move.REFUND);
      default -> throw new IllegalArgumentException(state.name());
    };
  }

  /** Calls the custom method {@code move} on the return, receiving and accepting every unit of line 1. */
  ProductReturn move(ProductReturn r, Move move) {
    String name = r.getName();
    return switch (move) {
      case APPROVE -> returns.approveReturn(ApproveReturnRequest.newBuilder().setName(name).build()).getProductReturn();
      case REJECT -> returns.rejectReturn(RejectReturnRequest.newBuilder().setName(name)
          .setCustomerMessage("Sorry, we cannot take this back.").build()).getProductReturn();
      case MARK_IN_TRANSIT -> returns.markReturnInTransit(MarkReturnInTransitRequest.newBuilder().setName(name)
          .setCarrier("DHL").setTrackingNumber("JJD-42").build()).getProductReturn();
      case RECEIVE -> returns.receiveReturn(ReceiveReturnRequest.newBuilder().setName(name)
          .addLines(ReceivedLine.newBuilder().setOrderLineId("1").setReceivedQuantity(2)).build()).getProductReturn();
      case INSPECT -> returns.inspectReturn(InspectReturnRequest.newBuilder().setName(name)
          .addLines(InspectedLine.newBuilder().setOrderLineId("1").setAcceptedQuantity(2)
              .setCondition(ItemCondition.ITEM_CONDITION_UNOPENED)).build()).getProductReturn();
      case REFUND -> returns.refundReturn(RefundReturnRequest.newBuilder().setName(name).setPaymentReference("PAY-1")
          .build()).getProductReturn();
      case EXCHANGE -> returns.exchangeReturn(ExchangeReturnRequest.newBuilder().setName(name)
          .addExchangeLines(ExchangeLine.newBuilder().setSku("CUP-BLUE").setQuantity(2)).build()).getProductReturn();
      case ISSUE_CREDIT -> returns.issueReturnCredit(IssueReturnCreditRequest.newBuilder().setName(name).build())
          .getProductReturn();
      case CANCEL -> returns.cancelReturn(CancelReturnRequest.newBuilder().setName(name).build()).getProductReturn();
    };
  }

  static Money euros(long cents) {
    return Money.newBuilder().setCurrencyCode("EUR").setMinorUnits(cents).build();
  }

  @Test
  void everyMoveIsAllowedExactlyWhereTheLifecycleAllowsItAndRefusedElsewhereWithTheState() throws Exception {
    for (Map.Entry<ReturnState, Map<Move, ReturnState>> from : LEGAL.entrySet()) {
      ProductReturn shared = returnIn(from.getKey());
      for (Move move : Move.values()) {
        ReturnState legalTarget = from.getValue().get(move);
        String scenario = move + " from " + from.getKey();
        if (legalTarget == null) {
          StatusRuntimeException e = failure(() -> move(shared, move));
          assertThat(e.getStatus().getCode()).as(scenario).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(errorInfo(e).getReason()).as(scenario).isEqualTo("INVALID_RETURN_STATE");
          assertThat(errorInfo(e).getMetadataMap()).as(scenario)
              .containsEntry("state", from.getKey().name().substring("RETURN_STATE_".length()));
        } else {
          ProductReturn before = returnIn(from.getKey());
          ProductReturn after = move(before, move);
          assertThat(after.getState()).as(scenario).isEqualTo(legalTarget);
          assertThat(after.getVersion()).as(scenario).isEqualTo(before.getVersion() + 1);
          assertThat(after.getStatusHistoryList()).as(scenario).hasSize(before.getStatusHistoryCount() + 1);
        }
      }
      assertThat(get(shared.getName())).as("refused moves change nothing").isEqualTo(shared);
    }
  }

  @Test
  void aReturnGoesFromRequestToRefundWithACustomerVisibleHistory() {
    String orderId = "o-" + UUID.randomUUID();
    record(orderId, order(daysAgo(2), line("STOOL", "furniture", 3, 333)));
    ProductReturn created = create(customer + "/orders/" + orderId, ReturnLine.newBuilder().setSku("STOOL")
        .setQuantity(3).setReason(ReturnReason.RETURN_REASON_CHANGED_MIND)
        .setCondition(ItemCondition.ITEM_CONDITION_OPENED).build());
    move(created, Move.MARK_IN_TRANSIT);

    ProductReturn partly = returns.receiveReturn(ReceiveReturnRequest.newBuilder().setName(created.getName())
        .addLines(ReceivedLine.newBuilder().setOrderLineId("1").setReceivedQuantity(1)).build()).getProductReturn();
    ProductReturn fully = returns.receiveReturn(ReceiveReturnRequest.newBuilder().setName(created.getName())
        .setExpectedVersion(partly.getVersion()).setCustomerMessage("All three stools arrived.")
        .addLines(ReceivedLine.newBuilder().setOrderLineId("1").setReceivedQuantity(2).setDamagedQuantity(1))
        .build()).getProductReturn();
    returns.inspectReturn(InspectReturnRequest.newBuilder().setName(created.getName())
        .addLines(InspectedLine.newBuilder().setOrderLineId("1").setAcceptedQuantity(2)
            .setCondition(ItemCondition.ITEM_CONDITION_OPENED)).build());
    ProductReturn refunded = move(created, Move.REFUND);

    // 3 x 3.33 = 9.99; a 10% fee (1.00) plus 3 x 2.50 is estimated at creation.
    assertThat(created.getLines(0).getRestockingFee()).isEqualTo(euros(850));
    assertThat(created.getDecision().getEstimatedRefund()).isEqualTo(euros(149));
    assertThat(partly.getState()).isEqualTo(ReturnState.RETURN_STATE_RECEIVED);
    assertThat(partly.getPartialReceipt()).isTrue();
    assertThat(fully.getPartialReceipt()).isFalse();
    assertThat(fully.getLines(0).getReceivedQuantity()).isEqualTo(3);
    assertThat(fully.getLines(0).getDamagedQuantity()).isEqualTo(1);
    // Two accepted: 6.66 paid, fee 0.67 + 5.00.
    assertThat(refunded.getSettlement().getResolution()).isEqualTo(Resolution.RESOLUTION_REFUND);
    assertThat(refunded.getSettlement().getAmount()).isEqualTo(euros(99));
    assertThat(refunded.getSettlement().getRestockingFee()).isEqualTo(euros(567));
    assertThat(refunded.getSettlement().getReference()).isEqualTo("PAY-1");
    assertThat(refunded.getStatusHistoryList()).extracting(StatusChange::getState).containsExactly(
        ReturnState.RETURN_STATE_REQUESTED, ReturnState.RETURN_STATE_APPROVED, ReturnState.RETURN_STATE_IN_TRANSIT,
        ReturnState.RETURN_STATE_RECEIVED, ReturnState.RETURN_STATE_RECEIVED, ReturnState.RETURN_STATE_INSPECTED,
        ReturnState.RETURN_STATE_REFUNDED);
    assertThat(refunded.getStatusHistory(3).getCustomerMessage()).contains("part of your return");
    assertThat(refunded.getStatusHistory(4).getCustomerMessage()).isEqualTo("All three stools arrived.");
    assertThat(refunded.getStatusHistoryList()).allSatisfy(change -> {
      assertThat(change.hasChangeTime()).isTrue();
      assertThat(change.getCustomerMessage()).isNotBlank();
    });
    assertThat(refunded.getShipment().getTrackingNumber()).isEqualTo("JJD-42");
    assertThat(get(created.getName())).isEqualTo(refunded);
  }

  @Test
  void refundsAreCheckedAgainstWhatWasPaidAndItsCurrencyAndWriteNothingWhenRefused() throws Exception {
    ProductReturn inspected = returnIn(ReturnState.RETURN_STATE_INSPECTED);
    ProductReturn received = returnIn(ReturnState.RETURN_STATE_RECEIVED);
    ProductReturn nothingAccepted = returns.inspectReturn(InspectReturnRequest.newBuilder().setName(received.getName())
        .addLines(InspectedLine.newBuilder().setOrderLineId("1").setAcceptedQuantity(0)
            .setCondition(ItemCondition.ITEM_CONDITION_USED)).build()).getProductReturn();
    StatusRuntimeException tooMuch = failure(() -> returns.refundReturn(RefundReturnRequest.newBuilder()
        .setName(inspected.getName()).setAmount(euros(1_001)).build()));
    StatusRuntimeException otherCurrency = failure(() -> returns.refundReturn(RefundReturnRequest.newBuilder()
        .setName(inspected.getName()).setAmount(Money.newBuilder().setCurrencyCode("USD").setMinorUnits(100)).build()));
    StatusRuntimeException negative = failure(() -> returns.issueReturnCredit(IssueReturnCreditRequest.newBuilder()
        .setName(inspected.getName()).setAmount(euros(-1)).build()));
    StatusRuntimeException nothing = failure(() -> move(nothingAccepted, Move.REFUND));

    assertThat(tooMuch.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(errorInfo(tooMuch).getReason()).isEqualTo("REFUND_EXCEEDS_PAID");
    assertThat(violatedFields(tooMuch)).containsExactly("amount.minor_units");
    assertThat(errorInfo(otherCurrency).getReason()).isEqualTo("CURRENCY_MISMATCH");
    assertThat(violatedFields(negative)).containsExactly("amount.minor_units");
    assertThat(nothing.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(errorInfo(nothing).getReason()).isEqualTo("NOTHING_TO_SETTLE");
    assertThat(get(inspected.getName())).isEqualTo(inspected);
    assertThat(get(nothingAccepted.getName())).isEqualTo(nothingAccepted);

    ProductReturn refunded = returns.refundReturn(RefundReturnRequest.newBuilder().setName(inspected.getName())
        .setAmount(euros(1_000)).build()).getProductReturn();
    assertThat(refunded.getSettlement().getAmount()).isEqualTo(euros(1_000));
  }

  @Test
  void receivingMoreThanWasReturnedOrANonexistentLineIsRefused() throws Exception {
    ProductReturn inTransit = returnIn(ReturnState.RETURN_STATE_IN_TRANSIT);

    StatusRuntimeException tooMany = failure(() -> returns.receiveReturn(ReceiveReturnRequest.newBuilder()
        .setName(inTransit.getName())
        .addLines(ReceivedLine.newBuilder().setOrderLineId("1").setReceivedQuantity(3)).build()));
    StatusRuntimeException unknownLine = failure(() -> returns.receiveReturn(ReceiveReturnRequest.newBuilder()
        .setName(inTransit.getName())
        .addLines(ReceivedLine.newBuilder().setOrderLineId("2").setReceivedQuantity(1)).build()));

    assertThat(violatedFields(tooMany)).containsExactly("lines[0].received_quantity");
    assertThat(violatedFields(unknownLine)).containsExactly("lines[0].order_line_id");
    assertThat(get(inTransit.getName())).isEqualTo(inTransit);
  }

  @Test
  void ofConcurrentReceiptsOfTheWholeParcelExactlyOneCounts() throws Exception {
    ProductReturn inTransit = returnIn(ReturnState.RETURN_STATE_IN_TRANSIT);

    List<String> outcomes = concurrently(8, i -> outcomeOf(() -> move(inTransit, Move.RECEIVE)));

    assertThat(outcomes).filteredOn("OK"::equals).hasSize(1);
    assertThat(outcomes).filteredOn("FAILED_PRECONDITION"::equals).hasSize(7);
    ProductReturn after = get(inTransit.getName());
    assertThat(after.getLines(0).getReceivedQuantity()).isEqualTo(2);
    assertThat(after.getVersion()).isEqualTo(inTransit.getVersion() + 1);
  }

  @Test
  void ofConcurrentSettlementsExactlyOneIsMade() throws Exception {
    ProductReturn inspected = returnIn(ReturnState.RETURN_STATE_INSPECTED);
    List<Move> settlements = List.of(Move.REFUND, Move.ISSUE_CREDIT, Move.EXCHANGE);

    List<String> outcomes = concurrently(9, i -> outcomeOf(() -> move(inspected, settlements.get(i % 3))));

    assertThat(outcomes).filteredOn("OK"::equals).hasSize(1);
    assertThat(outcomes).filteredOn("FAILED_PRECONDITION"::equals).hasSize(8);
    ProductReturn after = get(inspected.getName());
    assertThat(after.getStatusHistoryCount()).isEqualTo(inspected.getStatusHistoryCount() + 1);
    assertThat(after.hasSettlement()).isTrue();
  }

  @Test
  void aStaleVersionOnAnyMoveIsAConflictAndChangesNothing() throws Exception {
    ProductReturn inTransit = returnIn(ReturnState.RETURN_STATE_IN_TRANSIT);

    StatusRuntimeException e = failure(() -> returns.receiveReturn(ReceiveReturnRequest.newBuilder()
        .setName(inTransit.getName()).setExpectedVersion(inTransit.getVersion() - 1)
        .addLines(ReceivedLine.newBuilder().setOrderLineId("1").setReceivedQuantity(2)).build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
    assertThat(errorInfo(e).getMetadataMap()).containsEntry("version", String.valueOf(inTransit.getVersion()));
    assertThat(get(inTransit.getName())).isEqualTo(inTransit);
  }

  @Test
  void anUnusedLabelExpiresWhenTheReturnIsReadAndItsUnitsBecomeReturnableAgain() throws Exception {
    String orderName = recordCupsAndTelevision();
    ProductReturn approved = create(orderName, returnLine("CUP", 2));

    clock.advance(Duration.ofDays(14).plusMinutes(1));
    ProductReturn expired = get(approved.getName());
    StatusRuntimeException late = failure(() -> move(approved, Move.MARK_IN_TRANSIT));

    assertThat(expired.getState()).isEqualTo(ReturnState.RETURN_STATE_EXPIRED);
    assertThat(expired.getStatusHistory(expired.getStatusHistoryCount() - 1).getActor()).isEqualTo("system");
    assertThat(errorInfo(late).getMetadataMap()).containsEntry("state", "EXPIRED");
    assertThat(getOrder(orderName).getLines(0).getReturnedQuantity()).isZero();
  }

  @Test
  void theSweepExpiresUnusedLabelsOnceHoweverOftenItRuns() {
    ProductReturn first = requested(false);
    ProductReturn second = requested(false);
    ProductReturn shipped = returnIn(ReturnState.RETURN_STATE_IN_TRANSIT);

    clock.advance(Duration.ofDays(15));
    int expired = expirySweep.sweep();
    int again = expirySweep.sweep();

    assertThat(expired).isGreaterThanOrEqualTo(2);
    assertThat(again).isZero();
    for (ProductReturn r : List.of(first, second)) {
      ProductReturn after = get(r.getName());
      assertThat(after.getState()).isEqualTo(ReturnState.RETURN_STATE_EXPIRED);
      assertThat(after.getStatusHistoryList()).filteredOn(c -> c.getState() == ReturnState.RETURN_STATE_EXPIRED)
          .hasSize(1);
    }
    assertThat(get(shipped.getName()).getState()).isEqualTo(ReturnState.RETURN_STATE_IN_TRANSIT);
  }
}
