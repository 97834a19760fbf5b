package cx.returns.domain;

import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a return was settled: the money given back (as a refund or as store credit) or the value
 * put towards a replacement.
 *
 * @param amount what the customer gets: the price paid for the accepted units minus what was
 *     withheld
 * @param restockingFee what was withheld from the price paid for the accepted units
 * @param reference the payment, credit or replacement order it was settled with; may be empty
 * @param exchangeItems what was sent as replacement; empty unless exchanged
 */
public record Settlement(Resolution resolution, Money amount, Money restockingFee, String reference,
    List<ExchangeItem> exchangeItems, Instant settleTime) {

  public Settlement {
    exchangeItems = List.copyOf(exchangeItems);
  }

  /**
   * Settles an inspected return. The customer gets what they paid for the accepted units (unit
   * price times accepted quantity, summed over the lines) minus the restocking fees of those
   * units, unless the caller gives another amount; that may waive fees but never exceed what was
   * paid. Units can only be accepted once they were received, and only units the order still had
   * unreturned could be requested, so no order is ever refunded more than its total.
   *
   * @param requestedAmount the amount the caller settles for, or null for the amount due
   * @throws FailedPreconditionException reason {@code NOTHING_TO_SETTLE} when no unit was accepted
   * @throws InvalidArgumentException reason {@code CURRENCY_MISMATCH} when the amount is in
   *     another currency than the units were paid in, or {@code REFUND_EXCEEDS_PAID} when it is
   *     more than was paid for the accepted units
   */
  public static Settlement of(ProductReturn inspected, Resolution resolution, Money requestedAmount,
      String reference, List<ExchangeItem> exchangeItems, Instant now) {
    String currency = inspected.currencyCode();
    Money paid = Money.zero(currency);
    Money fees = Money.zero(currency);
    int acceptedUnits = 0;
    for (ReturnLine line : inspected.lines()) {
      paid = paid.plus(line.acceptedValue());
      fees = fees.plus(line.restockingFee());
      acceptedUnits += line.acceptedQuantity();
    }
    if (acceptedUnits == 0) {
      throw new FailedPreconditionException("NOTHING_TO_SETTLE",
          "No returned item was accepted, so there is nothing to refund, exchange or credit.",
          Map.of("state", inspected.state().name()));
    }
    Money amount = paid.minus(fees.atMost(paid));
    if (requestedAmount != null) {
      if (!requestedAmount.currencyCode().equals(currency)) {
        throw new InvalidArgumentException("CURRENCY_MISMATCH", List.of(new FieldViolation("amount.currency_code",
            "must be " + currency + ", the currency the items were paid in")));
      }
      if (paid.isLessThan(requestedAmount)) {
        throw new InvalidArgumentException("REFUND_EXCEEDS_PAID", List.of(new FieldViolation("amount.minor_units",
            "must be at most " + paid.minorUnits() + ", what was paid for the accepted items")));
      }
      amount = requestedAmount;
    }
    return new Settlement(resolution, amount, paid.minus(amount), reference, exchangeItems, now);
  }
}
