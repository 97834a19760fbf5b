package cx.returns.domain;

import java.util.Objects;

/**
 * An amount in one currency, in the currency's minor unit (cents for EUR). All arithmetic is on
 * whole numbers and fails loudly on overflow; no floating point is ever involved.
 *
 * @param currencyCode the ISO 4217 code, upper case
 * @param minorUnits the amount in minor units
 */
public record Money(String currencyCode, long minorUnits) {

  public Money {
    Objects.requireNonNull(currencyCode, "currencyCode");
  }

  public static Money zero(String currencyCode) {
    return new Money(currencyCode, 0);
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(currencyCode, Math.addExact(minorUnits, other.minorUnits));
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(currencyCode, Math.subtractExact(minorUnits, other.minorUnits));
  }

  /**
   * This amount's share of {@code basisPoints} ten-thousandths, rounded half up to a whole minor
   * unit: 15% of 3.33 is 0.50.
   */
  public Money percentage(int basisPoints) {
    long scaled = Math.multiplyExact(minorUnits, (long) basisPoints);
    return new Money(currencyCode, Math.floorDiv(Math.addExact(scaled, 5_000L), 10_000L));
  }

  /** The smaller of this and {@code other}. */
  public Money atMost(Money other) {
    return other.isLessThan(this) ? other : this;
  }

  public boolean isZero() {
    return minorUnits == 0;
  }

  public Money times(long factor) {
    return new Money(currencyCode, Math.multiplyExact(minorUnits, factor));
  }

  public boolean isLessThan(Money other) {
    requireSameCurrency(other);
    return minorUnits < other.minorUnits;
  }

  private void requireSameCurrency(Money other) {
    if (!currencyCode.equals(other.currencyCode)) {
      throw new IllegalArgumentException("cannot combine " + currencyCode + " with " + other.currencyCode);
    }
  }
}
