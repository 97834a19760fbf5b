package cx.returns.domain;

import static cx.returns.domain.TestData.ORDER_TIME;
import static cx.returns.domain.TestData.anOrder;
import static cx.returns.domain.TestData.policy;
import static cx.returns.domain.TestData.returnLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReturnPolicyTest {

  private final ReturnPolicy policy = policy();

  @Nested
  class ReturnWindow {

    private final Order order = anOrder().withLine("1", "TV-1", "electronics", 1, 5_000)
        .withLine("2", "COAT-1", "apparel", 1, 5_000).build();

    @Test
    void aReturnAtExactlyTheEndOfTheWindowIsAccepted() {
      Instant lastSecond = ORDER_TIME.plus(Duration.ofDays(30));

      ReturnDecision decision = policy.decide(order, List.of(returnLine(order, "1", 1, ReturnReason.CHANGED_MIND)),
          "r1", lastSecond);

      assertThat(decision.windowEndTime()).isEqualTo(lastSecond);
      assertThat(decision.reasons().get(0).code()).isEqualTo(PolicyReasonCode.WITHIN_RETURN_WINDOW);
      assertThat(decision.reasons().get(0).message()).isEqualTo("You can return this item until 31 March 2026, 12:00:00 UTC.");
    }

    @Test
    void aReturnOneSecondAfterTheWindowIsRefusedWithTheWindowsEnd() {
      Instant oneSecondLate = ORDER_TIME.plus(Duration.ofDays(30)).plusSeconds(1);

      assertThatThrownBy(() -> policy.decide(order, List.of(returnLine(order, "1", 1, ReturnReason.CHANGED_MIND)),
          "r1", oneSecondLate))
          .isInstanceOfSatisfying(FailedPreconditionException.class, e -> {
            assertThat(e.reason()).isEqualTo("RETURN_WINDOW_CLOSED");
            assertThat(e.metadata()).containsEntry("orderLineId", "1")
                .containsEntry("windowEndTime", "2026-03-31T12:00:00Z");
            assertThat(e.getMessage()).contains("ended on 31 March 2026, 12:00:00 UTC");
          });
    }

    @Test
    void aCategoryWithItsOwnWindowKeepsItsWindow() {
      Instant day59 = ORDER_TIME.plus(Duration.ofDays(59));

      ReturnDecision decision = policy.decide(order, List.of(returnLine(order, "2", 1, ReturnReason.WRONG_SIZE)),
          "r1", day59);

      assertThat(decision.windowEndTime()).isEqualTo(ORDER_TIME.plus(Duration.ofDays(60)));
    }

    @Test
    void theDecisionCarriesTheEarliestWindowOfItsLines() {
      ReturnDecision decision = policy.decide(order, List.of(returnLine(order, "2", 1, ReturnReason.WRONG_SIZE),
          returnLine(order, "1", 1, ReturnReason.WRONG_SIZE)), "r1", ORDER_TIME.plusSeconds(60));

      assertThat(decision.windowEndTime()).isEqualTo(ORDER_TIME.plus(Duration.ofDays(30)));
    }

    @Test
    void theMostSpecificRuleWins() {
      ReturnPolicy layered = new ReturnPolicy(Duration.ofDays(30), List.of(
          new WindowRule("", Channel.STORE, Duration.ofDays(10)),
          new WindowRule("apparel", null, Duration.ofDays(60)),
          new WindowRule("apparel", Channel.STORE, Duration.ofDays(90))), Set.of(), Map.of(), Set.of(),
          Duration.ofDays(14), 3);

      assertThat(layered.windowFor("apparel", Channel.STORE)).isEqualTo(Duration.ofDays(90));
      assertThat(layered.windowFor("apparel", Channel.WEB)).isEqualTo(Duration.ofDays(60));
      assertThat(layered.windowFor("toys", Channel.STORE)).isEqualTo(Duration.ofDays(10));
      assertThat(layered.windowFor("toys", Channel.WEB)).isEqualTo(Duration.ofDays(30));
    }
  }

  @Nested
  class Quantities {

    @Test
    void earlierReturnsOfTheSameLineCount() {
      Order order = anOrder().withLine("1", "CUP", "kitchen", 3, 500).withClaim("earlier", "1", 2).build();

      assertThatThrownBy(() -> policy.decide(order, List.of(returnLine(order, "1", 2, ReturnReason.CHANGED_MIND)),
          "r2", ORDER_TIME))
          .isInstanceOfSatisfying(FailedPreconditionException.class, e -> {
            assertThat(e.reason()).isEqualTo("QUANTITY_EXCEEDS_RETURNABLE");
            assertThat(e.metadata()).containsEntry("orderLineId", "1").containsEntry("returnableQuantity", "1");
          });
    }

    @Test
    void aPartialReturnLeavesTheRestReturnable() {
      Order order = anOrder().withLine("1", "CUP", "kitchen", 3, 500).withClaim("earlier", "1", 2).build();

      assertThat(policy.decide(order, List.of(returnLine(order, "1", 1, ReturnReason.CHANGED_MIND)), "r2", ORDER_TIME)
          .outcome()).isEqualTo(DecisionOutcome.AUTO_APPROVED);
    }

    @Test
    void aRetriedReturnDoesNotCountItsOwnClaimAgainstItself() {
      Order order = anOrder().withLine("1", "CUP", "kitchen", 2, 500).withClaim("r1", "1", 2).build();

      assertThat(policy.decide(order, List.of(returnLine(order, "1", 2, ReturnReason.CHANGED_MIND)), "r1", ORDER_TIME))
          .isNotNull();
    }

    @Test
    void otherLinesClaimsDoNotCount() {
      Order order = anOrder().withLine("1", "CUP", "kitchen", 1, 500).withLine("2", "CUP", "kitchen", 1, 400)
          .withClaim("earlier", "2", 1).build();

      assertThat(policy.decide(order, List.of(returnLine(order, "1", 1, ReturnReason.CHANGED_MIND)), "r2", ORDER_TIME))
          .isNotNull();
    }
  }

  @Nested
  class Decisions {

    private final Order order = anOrder().withLine("1", "LAMP", "home", 4, 2_500).build();

    @Test
    void aReturnWorthLessThanTheLimitIsApprovedAutomatically() {
      ReturnDecision decision = policy.decide(order, List.of(returnLine(order, "1", 3, ReturnReason.CHANGED_MIND)),
          "r", ORDER_TIME);

      assertThat(decision.outcome()).isEqualTo(DecisionOutcome.AUTO_APPROVED);
      assertThat(decision.reasons()).extracting(PolicyReason::code)
          .containsExactly(PolicyReasonCode.WITHIN_RETURN_WINDOW, PolicyReasonCode.BELOW_AUTO_APPROVAL_LIMIT);
      assertThat(decision.estimatedRefund()).isEqualTo(new Money("EUR", 7_500));
      assertThat(decision.estimatedRestockingFee()).isEqualTo(new Money("EUR", 0));
    }

    @Test
    void aReturnWorthExactlyTheLimitGoesToAnAgent() {
      ReturnDecision decision = policy.decide(order, List.of(returnLine(order, "1", 4, ReturnReason.CHANGED_MIND)),
          "r", ORDER_TIME);

      assertThat(decision.outcome()).isEqualTo(DecisionOutcome.MANUAL_REVIEW);
      assertThat(decision.reasons()).extracting(PolicyReason::code).contains(PolicyReasonCode.ABOVE_AUTO_APPROVAL_LIMIT);
    }

    @Test
    void aCurrencyWithoutALimitGoesToAnAgent() {
      Order dollars = new Order("o", "c", Channel.WEB, ORDER_TIME,
          List.of(new OrderLine("1", "PEN", "office", 1, new Money("USD", 100))), ORDER_TIME, ReturnClaims.NONE);
      ReturnLine line = new ReturnLine("1", "PEN", 1, ReturnReason.OTHER, ItemCondition.USED, "", List.of(), "office",
          new Money("USD", 100), 0, Money.zero("USD"), Money.zero("USD"), 0, 0, 0, null);

      assertThat(policy.decide(dollars, List.of(line), "r", ORDER_TIME).reasons()).extracting(PolicyReason::code)
          .contains(PolicyReasonCode.NO_AUTO_APPROVAL_LIMIT);
    }

    @Test
    void aNonReturnableCategoryIsRefused() {
      Order gift = anOrder().withLine("1", "GC-50", "gift-cards", 1, 5_000).build();

      assertThatThrownBy(() -> policy.decide(gift, List.of(returnLine(gift, "1", 1, ReturnReason.CHANGED_MIND)), "r",
          ORDER_TIME))
          .isInstanceOfSatisfying(FailedPreconditionException.class, e -> {
            assertThat(e.reason()).isEqualTo("NON_RETURNABLE_CATEGORY");
            assertThat(e.metadata()).containsEntry("productCategory", "gift-cards");
          });
    }

    @Test
    void damagedGoodsNeedEvidence() {
      assertThatThrownBy(() -> policy.decide(order, List.of(returnLine(order, "1", 1, ReturnReason.DAMAGED)), "r",
          ORDER_TIME))
          .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
            assertThat(e.reason()).isEqualTo("EVIDENCE_REQUIRED");
            assertThat(e.violations().get(0).field()).isEqualTo("product_return.lines[0].evidence_uris");
          });
    }

    @Test
    void damagedGoodsWithEvidenceSayThankYou() {
      ReturnDecision decision = policy.decide(order,
          List.of(returnLine(order, "1", 1, ReturnReason.DAMAGED, "https://photos.example.com/1.jpg")), "r", ORDER_TIME);

      assertThat(decision.reasons()).extracting(PolicyReason::code).contains(PolicyReasonCode.EVIDENCE_PROVIDED);
    }
  }
}
