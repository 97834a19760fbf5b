package cx.returns.domain;

import cx.runtime.testing.TestClock;
import static cx.returns.domain.TestData.ORDER_TIME;
import static cx.returns.domain.TestData.anOrder;
import static cx.returns.domain.TestData.newLine;
import static cx.returns.domain.TestData.newReturn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A return after approval: shipping, receipt in parcels, inspection, settlement and expiry. */
class ReturnLifecycleTest {

  private final Actor agent = new Actor("agent-7", ActorType.AGENT);
  private final Actor customer = new Actor("cust-1", ActorType.CUSTOMER);
  private final InMemoryStores.Orders orders = new InMemoryStores.Orders();
  private final InMemoryStores.Returns returns = new InMemoryStores.Returns();
  private final TestClock clock = TestClock.fixedAt(ORDER_TIME.plus(Duration.ofDays(1)));
  /** Opened or used furniture: 10% of the price plus 2.50 a unit. */
  private final ReturnPolicy policy = new ReturnPolicy(Duration.ofDays(30), List.of(), Set.of(), Map.of("EUR", 100_000L),
      Set.of(), List.of(new RestockingFeeRule(Set.of("furniture"), Set.of(), Set.of(), Set.of(ItemCondition.OPENED),
          1_000, Map.of("EUR", 250L))), Duration.ofDays(14), 3);
  private ReturnDesk desk;

  @BeforeEach
  void setUp() {
    orders.insertIfAbsent(anOrder()
        .withLine("1", "CUP", "kitchen", 3, 500)
        .withLine("2", "STOOL", "furniture", 3, 333)
        .withLine("3", "LAMP", "furniture", 2, 100)
        .build());
    desk = new ReturnDesk(orders, returns, new ReturnableUnits(orders, returns), () -> policy, InMemoryStores.analytics(returns),
        new ReturnTimeline(new InMemoryStores.EventLog()), clock);
  }

  private ProductReturn approved(String id, NewReturnLine... lines) {
    ProductReturn created = desk.create(id, newReturn("order-1", lines), customer);
    assertThat(created.state()).isEqualTo(ReturnState.APPROVED);
    return created;
  }

  private ProductReturn inTransit(String id, NewReturnLine... lines) {
    approved(id, lines);
    return desk.markInTransit("cust-1", id, 0, "", "DHL", "JJD-1", null, customer);
  }

  private ProductReturn inspected(String id, int accepted, NewReturnLine line) {
    inTransit(id, line);
    desk.receive("cust-1", id, 0, "", List.of(new ReceivedUnits(line.orderLineId(), line.quantity(), 0)), agent);
    return desk.inspect("cust-1", id, 0, "",
        List.of(new InspectedUnits(line.orderLineId(), accepted, ItemCondition.OPENED)), agent);
  }

  private static NewReturnLine openedLine(String lineId, String sku, int quantity) {
    return new NewReturnLine(lineId, sku, quantity, ReturnReason.CHANGED_MIND, ItemCondition.OPENED, "", List.of());
  }

  private static List<String> fields(InvalidArgumentException e) {
    return e.violations().stream().map(FieldViolation::field).toList();
  }

  @Nested
  class Receiving {

    @Test
    void aPartialParcelIsVisibleAsSuchAndTheNextParcelAddsUp() {
      inTransit("r1", newLine("1", "CUP", 3));

      ProductReturn first = desk.receive("cust-1", "r1", 0, "", List.of(new ReceivedUnits("1", 1, 0)), agent);
      ProductReturn second = desk.receive("cust-1", "r1", first.version(), "",
          List.of(new ReceivedUnits("1", 2, 1)), agent);

      assertThat(first.state()).isEqualTo(ReturnState.RECEIVED);
      assertThat(first.partialReceipt()).isTrue();
      assertThat(first.statusHistory().get(first.statusHistory().size() - 1).customerMessage())
          .contains("part of your return");
      assertThat(second.partialReceipt()).isFalse();
      assertThat(second.lines().get(0).receivedQuantity()).isEqualTo(3);
      assertThat(second.lines().get(0).damagedQuantity()).isEqualTo(1);
      assertThat(second.statusHistory()).extracting(StatusChange::state).containsExactly(ReturnState.REQUESTED,
          ReturnState.APPROVED, ReturnState.IN_TRANSIT, ReturnState.RECEIVED, ReturnState.RECEIVED);
    }

    @Test
    void aCompleteReceiptCannotBeReceivedAgain() {
      inTransit("r1", newLine("1", "CUP", 2));
      desk.receive("cust-1", "r1", 0, "", List.of(new ReceivedUnits("1", 2, 0)), agent);

      assertThatThrownBy(() -> desk.receive("cust-1", "r1", 0, "", List.of(new ReceivedUnits("1", 1, 0)), agent))
          .isInstanceOfSatisfying(FailedPreconditionException.class,
              e -> assertThat(e.metadata()).containsEntry("state", "RECEIVED"));
    }

    @Test
    void moreUnitsThanReturnedOverAllParcelsAreRefusedAndNothingIsWritten() {
      inTransit("r1", newLine("1", "CUP", 2));
      ProductReturn partial = desk.receive("cust-1", "r1", 0, "", List.of(new ReceivedUnits("1", 1, 0)), agent);

      assertThatThrownBy(() -> desk.receive("cust-1", "r1", 0, "", List.of(new ReceivedUnits("1", 2, 0)), agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(fields(e)).containsExactly("lines[0].received_quantity"));
      assertThat(returns.find("r1").orElseThrow()).isEqualTo(partial);
    }

    @Test
    void badParcelsNameTheirFields() {
      inTransit("r1", newLine("1", "CUP", 2));

      assertThatThrownBy(() -> desk.receive("cust-1", "r1", 0, "", List.of(new ReceivedUnits("1", 1, 2),
          new ReceivedUnits("1", -1, 0), new ReceivedUnits("", 1, 0)), agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(fields(e)).containsExactlyInAnyOrder(
              "lines[1].order_line_id", "lines[2].order_line_id", "lines[0].damaged_quantity",
              "lines[1].received_quantity"));
      assertThatThrownBy(() -> desk.receive("cust-1", "r1", 0, "", List.of(new ReceivedUnits("1", 0, 0)), agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(fields(e)).containsExactly("lines"));
      assertThatThrownBy(() -> desk.receive("cust-1", "r1", 0, "", List.of(new ReceivedUnits("9", 1, 0)), agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(fields(e)).containsExactly("lines[0].order_line_id"));
      assertThat(returns.find("r1").orElseThrow().state()).isEqualTo(ReturnState.IN_TRANSIT);
    }

    @Test
    void aShipTimeInTheFutureOrBeforeTheRequestIsRefused() {
      approved("r1", newLine("1", "CUP", 1));
      Instant now = clock.instant();

      assertThatThrownBy(() -> desk.markInTransit("cust-1", "r1", 0, "", "", "", now.plus(Duration.ofHours(1)), agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(fields(e)).containsExactly("ship_time"));
      assertThatThrownBy(() -> desk.markInTransit("cust-1", "r1", 0, "", "", "", now.minusSeconds(60), agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(fields(e)).containsExactly("ship_time"));
      ProductReturn shipped = desk.markInTransit("cust-1", "r1", 0, "", "UPS", "1Z-9", now, agent);
      assertThat(shipped.shipment()).isEqualTo(new Shipment("UPS", "1Z-9", "", now));
    }
  }

  @Nested
  class Inspecting {

    @Test
    void unnamedLinesAcceptNothingAndAcceptedUnitsCannotExceedReceivedOnes() {
      inTransit("r1", newLine("1", "CUP", 2), openedLine("2", "STOOL", 1));
      desk.receive("cust-1", "r1", 0, "", List.of(new ReceivedUnits("1", 1, 0)), agent);

      assertThatThrownBy(() -> desk.inspect("cust-1", "r1", 0, "",
          List.of(new InspectedUnits("1", 2, ItemCondition.OPENED)), agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(fields(e)).containsExactly("lines[0].accepted_quantity"));
      ProductReturn inspected = desk.inspect("cust-1", "r1", 0, "",
          List.of(new InspectedUnits("1", 1, ItemCondition.USED)), agent);

      assertThat(inspected.state()).isEqualTo(ReturnState.INSPECTED);
      assertThat(inspected.lines()).extracting(ReturnLine::acceptedQuantity).containsExactly(1, 0);
      assertThat(inspected.lines().get(0).inspectedCondition()).isEqualTo(ItemCondition.USED);
      assertThat(inspected.lines().get(1).restockingFee()).isEqualTo(Money.zero("EUR"));
    }
  }

  @Nested
  class Settling {

    @Test
    void theFeeTermsAreSetAtCreationAndShownInTheDecision() {
      ProductReturn created = approved("r1", openedLine("2", "STOOL", 3), newLine("1", "CUP", 1));

      ReturnLine stool = created.lines().get(0);
      // 10% of 9.99 is 0.999, rounded to 1.00, plus 3 x 2.50.
      assertThat(stool.restockingFee()).isEqualTo(new Money("EUR", 850));
      assertThat(stool.restockingFeeBasisPoints()).isEqualTo(1_000);
      assertThat(created.lines().get(1).restockingFee()).isEqualTo(Money.zero("EUR"));
      assertThat(created.decision().estimatedRestockingFee()).isEqualTo(new Money("EUR", 850));
      assertThat(created.decision().estimatedRefund()).isEqualTo(new Money("EUR", 999 + 500 - 850));
      assertThat(created.decision().reasons()).extracting(PolicyReason::code)
          .contains(PolicyReasonCode.RESTOCKING_FEE_APPLIES);
    }

    @Test
    void aRefundIsTheAcceptedUnitsPriceMinusTheirFees() {
      inspected("r1", 2, openedLine("2", "STOOL", 3));

      ProductReturn refunded = desk.refund("cust-1", "r1", 0, "", null, "PAY-1", agent);

      // 2 x 3.33 = 6.66; 10% is 0.666, rounded to 0.67, plus 2 x 2.50 = 5.67.
      assertThat(refunded.state()).isEqualTo(ReturnState.REFUNDED);
      assertThat(refunded.settlement().amount()).isEqualTo(new Money("EUR", 99));
      assertThat(refunded.settlement().restockingFee()).isEqualTo(new Money("EUR", 567));
      assertThat(refunded.settlement().reference()).isEqualTo("PAY-1");
      assertThat(refunded.statusHistory().get(refunded.statusHistory().size() - 1).actor()).isEqualTo(agent);
    }

    @Test
    void aFeeNeverExceedsThePriceSoTheRefundIsNeverNegative() {
      inspected("r1", 2, openedLine("3", "LAMP", 2));

      ProductReturn refunded = desk.refund("cust-1", "r1", 0, "", null, "", agent);

      assertThat(refunded.settlement().amount()).isEqualTo(Money.zero("EUR"));
      assertThat(refunded.settlement().restockingFee()).isEqualTo(new Money("EUR", 200));
    }

    @Test
    void anAgentMayWaiveTheFeeButNeverRefundMoreThanWasPaid() {
      inspected("r1", 2, openedLine("2", "STOOL", 3));
      inspected("r2", 1, newLine("1", "CUP", 1));

      assertThatThrownBy(() -> desk.refund("cust-1", "r1", 0, "", new Money("EUR", 667), "", agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
            assertThat(e.reason()).isEqualTo("REFUND_EXCEEDS_PAID");
            assertThat(fields(e)).containsExactly("amount.minor_units");
          });
      ProductReturn waived = desk.refund("cust-1", "r1", 0, "", new Money("EUR", 666), "", agent);
      ProductReturn credited = desk.issueCredit("cust-1", "r2", 0, "", null, "GC-7", agent);

      assertThat(waived.settlement().amount()).isEqualTo(new Money("EUR", 666));
      assertThat(waived.settlement().restockingFee()).isEqualTo(Money.zero("EUR"));
      assertThat(credited.state()).isEqualTo(ReturnState.CREDITED);
      assertThat(credited.settlement().resolution()).isEqualTo(Resolution.STORE_CREDIT);
      assertThat(credited.settlement().amount()).isEqualTo(new Money("EUR", 500));
    }

    @Test
    void anotherCurrencyOrANegativeAmountIsRefusedAndNothingIsWritten() {
      ProductReturn inspected = inspected("r1", 1, newLine("1", "CUP", 1));

      assertThatThrownBy(() -> desk.refund("cust-1", "r1", 0, "", new Money("USD", 100), "", agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
            assertThat(e.reason()).isEqualTo("CURRENCY_MISMATCH");
            assertThat(fields(e)).containsExactly("amount.currency_code");
          });
      assertThatThrownBy(() -> desk.refund("cust-1", "r1", 0, "", new Money("EUR", -1), "", agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(fields(e)).containsExactly("amount.minor_units"));
      assertThat(returns.find("r1").orElseThrow()).isEqualTo(inspected);
    }

    @Test
    void nothingAcceptedIsNothingToSettleButCanStillBeRejected() {
      inspected("r1", 0, newLine("1", "CUP", 1));

      assertThatThrownBy(() -> desk.refund("cust-1", "r1", 0, "", null, "", agent))
          .isInstanceOfSatisfying(FailedPreconditionException.class,
              e -> assertThat(e.reason()).isEqualTo("NOTHING_TO_SETTLE"));
      ProductReturn rejected = desk.reject("cust-1", "r1", 0, "The item was not ours.", agent);
      assertThat(rejected.state()).isEqualTo(ReturnState.REJECTED);
    }

    @Test
    void anExchangeRecordsTheReplacementsAndNeedsAtLeastOne() {
      inspected("r1", 1, newLine("1", "CUP", 1));

      assertThatThrownBy(() -> desk.exchange("cust-1", "r1", 0, "", List.of(), "", agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(fields(e)).containsExactly("exchange_lines"));
      ProductReturn exchanged = desk.exchange("cust-1", "r1", 0, "", List.of(new ExchangeItem("CUP-BLUE", 1)),
          "order-9", agent);

      assertThat(exchanged.state()).isEqualTo(ReturnState.EXCHANGED);
      assertThat(exchanged.settlement().exchangeItems()).containsExactly(new ExchangeItem("CUP-BLUE", 1));
      assertThat(exchanged.settlement().reference()).isEqualTo("order-9");
    }
  }

  @Nested
  class Expiring {

    @Test
    void aLabelUsableToTheMillisecondThenExpiresOnReadAndGivesTheUnitsBack() {
      ProductReturn approved = approved("r1", newLine("1", "CUP", 3));
      Duration untilExpiry = Duration.between(clock.instant(), approved.labelExpireTime());

      clock.advance(untilExpiry);
      ProductReturn atTheEnd = desk.get("cust-1", "r1");
      clock.advance(Duration.ofMillis(1));
      ProductReturn after = desk.get("cust-1", "r1");

      assertThat(atTheEnd.state()).isEqualTo(ReturnState.APPROVED);
      assertThat(after.state()).isEqualTo(ReturnState.EXPIRED);
      StatusChange last = after.statusHistory().get(after.statusHistory().size() - 1);
      assertThat(last.actor()).isEqualTo(Actor.SYSTEM);
      assertThat(last.customerMessage()).isEqualTo(StatusMessages.standard(ReturnState.EXPIRED));
      assertThat(orders.find("order-1").orElseThrow().claims().claimedQuantity("1")).isZero();
    }

    @Test
    void aTransitionOnAnOverdueReturnIsRefusedWithTheExpiredStateEvenWithTheVersionTheCallerRead() {
      ProductReturn approved = approved("r1", newLine("1", "CUP", 1));
      clock.advance(Duration.ofDays(15));

      assertThatThrownBy(() -> desk.markInTransit("cust-1", "r1", approved.version(), "", "", "", null, customer))
          .isInstanceOfSatisfying(FailedPreconditionException.class,
              e -> assertThat(e.metadata()).containsEntry("state", "EXPIRED"));
    }

    @Test
    void theSweepExpiresOnlyOverdueReturnsAndASecondRunChangesNothing() {
      approved("r1", newLine("1", "CUP", 1));
      approved("r2", newLine("1", "CUP", 1));
      clock.advance(Duration.ofDays(10));
      approved("r3", newLine("1", "CUP", 1));
      desk.markInTransit("cust-1", "r2", 0, "", "", "", null, customer);
      clock.advance(Duration.ofDays(5));

      int first = desk.expireOverdue(100);
      ProductReturn r1 = returns.find("r1").orElseThrow();
      int second = desk.expireOverdue(100);

      assertThat(first).isEqualTo(1);
      assertThat(second).isZero();
      assertThat(returns.find("r1").orElseThrow()).isEqualTo(r1);
      assertThat(r1.state()).isEqualTo(ReturnState.EXPIRED);
      assertThat(returns.find("r2").orElseThrow().state()).isEqualTo(ReturnState.IN_TRANSIT);
      assertThat(returns.find("r3").orElseThrow().state()).isEqualTo(ReturnState.APPROVED);
    }
  }
}
