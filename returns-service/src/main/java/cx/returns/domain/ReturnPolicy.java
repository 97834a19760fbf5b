package cx.returns.domain;

import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules that decide every new return: how long after the purchase each line may be returned,
 * which categories never can, which reasons need evidence, and below which value a return is
 * approved without an agent. Returns keep the terms they were decided with.
 *
 * @param defaultWindow the window for a line no rule matches, counted from the order time
 * @param windowRules windows for categories and channels; the most specific matching rule wins
 * @param autoApprovalLimits per currency code, in minor units: a return worth strictly less is
 *     approved at once
 * @param restockingFeeRules fees on returned units; the first rule a line matches applies to it
 * @param labelValidity how long an approved return's label stays usable
 * @param version recorded in every decision
 */
public record ReturnPolicy(Duration defaultWindow, List<WindowRule> windowRules, Set<String> nonReturnableCategories,
    Map<String, Long> autoApprovalLimits, Set<ReturnReason> evidenceRequiredReasons,
    List<RestockingFeeRule> restockingFeeRules, Duration labelValidity, long version) {

  private static final DateTimeFormatter CUSTOMER_TIME =
      DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  public ReturnPolicy {
    windowRules = List.copyOf(windowRules);
    nonReturnableCategories = Set.copyOf(nonReturnableCategories);
    autoApprovalLimits = Map.copyOf(autoApprovalLimits);
    evidenceRequiredReasons = Set.copyOf(evidenceRequiredReasons);
    restockingFeeRules = List.copyOf(restockingFeeRules);
  }

  /** A policy that charges no restocking fees. */
  public ReturnPolicy(Duration defaultWindow, List<WindowRule> windowRules, Set<String> nonReturnableCategories,
      Map<String, Long> autoApprovalLimits, Set<ReturnReason> evidenceRequiredReasons, Duration labelValidity,
      long version) {
    this(defaultWindow, windowRules, nonReturnableCategories, autoApprovalLimits, evidenceRequiredReasons, List.of(),
        labelValidity, version);
  }

  /**
   * The lines with the restocking fee terms of the first rule each matches (by its category, the
   * order's channel, its reason and its declared condition), or no fee when none does.
   */
  public List<ReturnLine> withRestockingFees(List<ReturnLine> lines, Channel orderChannel) {
    return lines.stream().map(line -> restockingFeeRules.stream()
        .filter(rule -> rule.matches(line.productCategory(), orderChannel, line.reason(), line.condition()))
        .findFirst()
        .map(rule -> line.withFeeTerms(rule.feeBasisPoints(), rule.perUnitIn(line.unitPrice().currencyCode())))
        .orElseGet(() -> line.withFeeTerms(0, Money.zero(line.unitPrice().currencyCode()))))
        .toList();
  }

  /** The return window of a line of this category bought on this channel. */
  public Duration windowFor(String productCategory, Channel channel) {
    return windowRules.stream()
        .filter(rule -> rule.matches(productCategory, channel))
        .max(Comparator.comparingInt(WindowRule::specificity))
        .map(WindowRule::window)
        .orElse(defaultWindow);
  }

  /**
   * Decides on a new return of {@code lines} (already matched to lines of {@code order}), or
   * refuses it outright.
   *
   * <p>The last instant a line may be returned is the order time plus its window: a request at
   * exactly that instant is accepted, one second later it is not.
   *
   * @param returnId the new return's id; units it already holds (a retried create) still count
   *     as returnable for it
   * @throws InvalidArgumentException reason {@code EVIDENCE_REQUIRED} when a line's reason needs
   *     evidence it lacks
   * @throws FailedPreconditionException reason {@code NON_RETURNABLE_CATEGORY},
   *     {@code RETURN_WINDOW_CLOSED} or {@code QUANTITY_EXCEEDS_RETURNABLE}, with the line in
   *     metadata and a message for the customer
   */
  public ReturnDecision decide(Order order, List<ReturnLine> lines, String returnId, Instant now) {
    checkEvidence(lines);
    List<PolicyReason> reasons = new ArrayList<>();
    Instant earliestWindowEnd = null;
    for (ReturnLine line : lines) {
      if (nonReturnableCategories.contains(line.productCategory())) {
        throw new FailedPreconditionException("NON_RETURNABLE_CATEGORY",
            "Items of the category " + line.productCategory() + " cannot be returned.",
            Map.of("orderLineId", line.orderLineId(), "productCategory", line.productCategory()));
      }
      Instant windowEnd = order.orderTime().plus(windowFor(line.productCategory(), order.channel()));
      if (now.isAfter(windowEnd)) {
        throw new FailedPreconditionException("RETURN_WINDOW_CLOSED",
            "The return window for item " + line.sku() + " ended on " + CUSTOMER_TIME.format(windowEnd) + ".",
            Map.of("orderLineId", line.orderLineId(), "windowEndTime", windowEnd.toString()));
      }
      if (earliestWindowEnd == null || windowEnd.isBefore(earliestWindowEnd)) {
        earliestWindowEnd = windowEnd;
      }
      reasons.add(new PolicyReason(PolicyReasonCode.WITHIN_RETURN_WINDOW,
          "You can return this item until " + CUSTOMER_TIME.format(windowEnd) + ".", line.orderLineId()));
      if (evidenceRequiredReasons.contains(line.reason())) {
        reasons.add(new PolicyReason(PolicyReasonCode.EVIDENCE_PROVIDED,
            "Thank you for the photos or documents of the problem.", line.orderLineId()));
      }
    }
    checkReturnable(order, lines, returnId);

    String currency = order.currencyCode();
    Money value = Money.zero(currency);
    for (ReturnLine line : lines) {
      value = value.plus(line.value());
    }
    Money fees = Money.zero(currency);
    for (ReturnLine line : lines) {
      if (!line.restockingFee().isZero()) {
        fees = fees.plus(line.restockingFee());
        reasons.add(new PolicyReason(PolicyReasonCode.RESTOCKING_FEE_APPLIES, "A restocking fee of "
            + MoneyText.format(line.restockingFee()) + " applies to item " + line.sku() + ".", line.orderLineId()));
      }
    }
    DecisionOutcome outcome;
    Long limit = autoApprovalLimits.get(currency);
    if (limit == null) {
      outcome = DecisionOutcome.MANUAL_REVIEW;
      reasons.add(new PolicyReason(PolicyReasonCode.NO_AUTO_APPROVAL_LIMIT,
          "Our team will review your return and let you know shortly.", ""));
    } else if (value.isLessThan(new Money(currency, limit))) {
      outcome = DecisionOutcome.AUTO_APPROVED;
      reasons.add(new PolicyReason(PolicyReasonCode.BELOW_AUTO_APPROVAL_LIMIT,
          "Your return is approved straight away.", ""));
    } else {
      outcome = DecisionOutcome.MANUAL_REVIEW;
      reasons.add(new PolicyReason(PolicyReasonCode.ABOVE_AUTO_APPROVAL_LIMIT,
          "Because of its value, our team will review your return and let you know shortly.", ""));
    }
    return new ReturnDecision(outcome, reasons, value.minus(fees), fees,
        earliestWindowEnd, version, now);
  }

  /**
   * Checks that no line asks for more units than are still returnable: the units bought minus
   * those held by the order's other returns that are not cancelled, rejected or expired.
   *
   * @throws FailedPreconditionException reason {@code QUANTITY_EXCEEDS_RETURNABLE} with metadata
   *     {@code orderLineId} and {@code returnableQuantity}
   */
  public static void checkReturnable(Order order, List<ReturnLine> lines, String returnId) {
    for (ReturnLine line : lines) {
      OrderLine orderLine = order.matchLine(line.orderLineId(), line.sku(), "product_return.lines");
      int returnable = order.returnableQuantity(orderLine, returnId);
      if (line.quantity() > returnable) {
        throw new FailedPreconditionException("QUANTITY_EXCEEDS_RETURNABLE",
            returnable == 0
                ? "Every unit of item " + line.sku() + " has already been returned or is being returned."
                : "Only " + returnable + " unit(s) of item " + line.sku() + " can still be returned.",
            Map.of("orderLineId", line.orderLineId(), "returnableQuantity", String.valueOf(returnable)));
      }
    }
  }

  private void checkEvidence(List<ReturnLine> lines) {
    List<FieldViolation> violations = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ReturnLine line = lines.get(i);
      if (evidenceRequiredReasons.contains(line.reason()) && line.evidenceUris().isEmpty()) {
        violations.add(new FieldViolation("product_return.lines[" + i + "].evidence_uris",
            "needs at least one photo or document for this reason"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException("EVIDENCE_REQUIRED", violations);
    }
  }
}
