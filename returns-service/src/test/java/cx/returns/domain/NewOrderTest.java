package cx.returns.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewOrderTest {

  private static final Instant TIME = Instant.parse("2026-03-01T12:00:00Z");

  private static OrderLine line(String id, int quantity, String currency, long cents) {
    return new OrderLine(id, "SKU-1", "home", quantity, new Money(currency, cents));
  }

  @Test
  void linesWithoutAnIdAreNumberedByPosition() {
    NewOrder order = new NewOrder("c", "o-1", Channel.STORE, TIME, List.of(line("", 1, "EUR", 100), line("", 2, "EUR", 0)));

    assertThat(order.lines()).extracting(OrderLine::lineId).containsExactly("1", "2");
  }

  @Test
  void everyBadFieldIsReportedAtOnce() {
    assertThatThrownBy(() -> new NewOrder("c", "bad id!", null, null,
        List.of(line("a", 0, "EUR", -1), line("a", 10_001, "EURO", 100))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.violations())
            .extracting(FieldViolation::field)
            .containsExactlyInAnyOrder("order_id", "order.channel", "order.order_time", "order.lines[0].quantity",
                "order.lines[0].unit_price.minor_units", "order.lines[1].line_id", "order.lines[1].quantity",
                "order.lines[1].unit_price.currency_code"));
  }

  @Test
  void mixedCurrenciesAreACurrencyMismatch() {
    assertThatThrownBy(() -> new NewOrder("c", "o", Channel.WEB, TIME, List.of(line("", 1, "EUR", 1), line("", 1, "USD", 1))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
          assertThat(e.reason()).isEqualTo("CURRENCY_MISMATCH");
          assertThat(e.violations().get(0).field()).isEqualTo("order.lines[1].unit_price.currency_code");
        });
  }

  @Test
  void onlyPurchaseChannelsAreAccepted() {
    assertThatThrownBy(() -> new NewOrder("c", "o", Channel.CHAT, TIME, List.of(line("", 1, "EUR", 1))))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void unknownCurrenciesAndMissingPricesAreRejected() {
    assertThatThrownBy(() -> new NewOrder("c", "o", Channel.WEB, TIME,
        List.of(new OrderLine("", "S", "home", 1, null), line("", 1, "XYZ", 1))))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.violations())
            .extracting(FieldViolation::field)
            .containsExactly("order.lines[0].unit_price", "order.lines[1].unit_price.currency_code"));
  }

  @Test
  void theTotalIsExactInMinorUnits() {
    Order order = new Order("o", "c", Channel.WEB, TIME,
        List.of(line("1", 10_000, "EUR", 10_000_000_000L), line("2", 3, "EUR", 33)), TIME, ReturnClaims.NONE);

    assertThat(order.total()).isEqualTo(new Money("EUR", 100_000_000_000_000L + 99));
  }
}
