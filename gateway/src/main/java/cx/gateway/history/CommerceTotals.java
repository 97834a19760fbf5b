package cx.gateway.history;

import com.google.protobuf.Timestamp;
import cx.common.v1.Money;
import cx.returns.v1.CustomerCommerceSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up the commerce summaries of every id a customer has had: counts and money (per
 * currency, never converted) add; the return rate is recomputed from the sums, not averaged.
 */
final class CommerceTotals {

  private CommerceTotals() {
  }

  static CustomerCommerceSummary sum(String name, List<CustomerCommerceSummary> parts) {
    CustomerCommerceSummary.Builder total = CustomerCommerceSummary.newBuilder().setName(name);
    Map<String, Long> gross = new TreeMap<>();
    Map<String, Long> refunded = new TreeMap<>();
    Map<String, Long> lifetime = new TreeMap<>();
    Timestamp first = null;
    Timestamp last = null;
    for (CustomerCommerceSummary part : parts) {
      total.setOrderCount(total.getOrderCount() + part.getOrderCount())
          .setUnitsSold(total.getUnitsSold() + part.getUnitsSold())
          .setUnitsReturned(total.getUnitsReturned() + part.getUnitsReturned())
          .setOpenReturnCount(total.getOpenReturnCount() + part.getOpenReturnCount())
          .addAllReturnsInProgress(part.getReturnsInProgressList());
      add(gross, part.getGrossSpendList());
      add(refunded, part.getRefundedList());
      add(lifetime, part.getLifetimeValueList());
      if (part.hasFirstOrderTime() && (first == null || compare(part.getFirstOrderTime(), first) < 0)) {
        first = part.getFirstOrderTime();
      }
      if (part.hasLastOrderTime() && (last == null || compare(part.getLastOrderTime(), last) > 0)) {
        last = part.getLastOrderTime();
      }
    }
    total.setReturnRate(total.getUnitsSold() == 0 ? 0 : (double) total.getUnitsReturned() / total.getUnitsSold());
    gross.forEach((currency, units) -> total.addGrossSpend(money(currency, units)));
    refunded.forEach((currency, units) -> total.addRefunded(money(currency, units)));
    lifetime.forEach((currency, units) -> total.addLifetimeValue(money(currency, units)));
    if (first != null) {
      total.setFirstOrderTime(first);
    }
    if (last != null) {
      total.setLastOrderTime(last);
    }
    return total.build();
  }

  private static void add(Map<String, Long> sums, List<Money> amounts) {
    amounts.forEach(m -> sums.merge(m.getCurrencyCode(), m.getMinorUnits(), Math::addExact));
  }

  private static Money money(String currency, long units) {
    return Money.newBuilder().setCurrencyCode(currency).setMinorUnits(units).build();
  }

  private static int compare(Timestamp a, Timestamp b) {
    return a.getSeconds() != b.getSeconds() ? Long.compare(a.getSeconds(), b.getSeconds())
        : Integer.compare(a.getNanos(), b.getNanos());
  }
}
