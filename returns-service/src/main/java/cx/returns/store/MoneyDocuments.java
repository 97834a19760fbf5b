package cx.returns.store;

import cx.returns.domain.Money;
import org.bson.Document;

/** Money as stored: the currency code and a 64-bit integer of minor units, never a double. */
final class MoneyDocuments {

  private MoneyDocuments() {
  }

  static Document toDocument(Money money) {
    return new Document("currencyCode", money.currencyCode()).append("minorUnits", money.minorUnits());
  }

  static Money toMoney(Document d) {
    return d == null ? null : new Money(d.getString("currencyCode"), d.get("minorUnits", Number.class).longValue());
  }
}
