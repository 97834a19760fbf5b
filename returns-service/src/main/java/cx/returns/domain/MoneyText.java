package cx.returns.domain;

import java.math.BigDecimal;
import java.util.Currency;

/** Amounts as a customer reads them, e.g. {@code 12.50 EUR}. */
final class MoneyText {

  private MoneyText() {
  }

  static String format(Money money) {
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(money.currencyCode()).getDefaultFractionDigits());
    } catch (IllegalArgumentException unknownCurrency) {
      digits = 2;
    }
    return BigDecimal.valueOf(money.minorUnits(), digits).toPlainString() + " " + money.currencyCode();
  }
}
