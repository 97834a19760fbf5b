package cx.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import cx.common.v1.Money;
import cx.returns.v1.CustomerCommerceSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommerceTotalsTest {

  static Money eur(long cents) {
    return Money.newBuilder().setCurrencyCode("EUR").setMinorUnits(cents).build();
  }

  @Test
  void mergedIdsAddUpAndTheReturnRateIsRecomputedFromTheSums() {
    CustomerCommerceSummary a = CustomerCommerceSummary.newBuilder().setOrderCount(3).setUnitsSold(10).setUnitsReturned(1)
        .setReturnRate(0.1).addGrossSpend(eur(10_000)).addLifetimeValue(eur(9_000)).build();
    CustomerCommerceSummary b = CustomerCommerceSummary.newBuilder().setOrderCount(1).setUnitsSold(2).setUnitsReturned(2)
        .setReturnRate(1.0).addGrossSpend(eur(500))
        .addGrossSpend(Money.newBuilder().setCurrencyCode("GBP").setMinorUnits(700)).build();

    CustomerCommerceSummary total = CommerceTotals.sum("customers/a/commerceSummary", List.of(a, b));

    assertThat(total.getOrderCount()).isEqualTo(4);
    assertThat(total.getReturnRate()).isEqualTo(3.0 / 12);
    assertThat(total.getGrossSpendList()).containsExactly(eur(10_500),
        Money.newBuilder().setCurrencyCode("GBP").setMinorUnits(700).build());
    assertThat(total.getLifetimeValueList()).containsExactly(eur(9_000));
  }
}
