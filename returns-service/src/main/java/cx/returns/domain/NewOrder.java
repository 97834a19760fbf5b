package cx.returns.domain;

import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A purchase as the commerce system reports it. The constructor checks every field, reports all
 * violations at once, and gives lines without an id their 1-based position.
 *
 * @param channel null when the request gave none
 * @param orderTime null when the request gave none
 * @param lines lines whose unit price is null when the request gave none
 */
public record NewOrder(String customerId, String orderId, Channel channel, Instant orderTime, List<OrderLine> lines) {

  public static final int MAX_LINES = 500;
  public static final int MAX_QUANTITY = 10_000;
  public static final long MAX_UNIT_PRICE = 10_000_000_000L;

  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern LINE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._/-]{1,64}");
  private static final Pattern CATEGORY = Pattern.compile("[a-z0-9_/-]{1,64}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  public NewOrder {
    List<FieldViolation> violations = new ArrayList<>();
    if (!ORDER_ID.matcher(orderId).matches()) {
      violations.add(new FieldViolation("order_id", "must be 1 to 128 letters, digits, '-', '_' or '.'"));
    }
    if (channel == null) {
      violations.add(new FieldViolation("order.channel", "is required"));
    } else if (!channel.isPurchaseChannel()) {
      violations.add(new FieldViolation("order.channel", "is not a purchase channel"));
    }
    if (orderTime == null) {
      violations.add(new FieldViolation("order.order_time", "is required"));
    }
    if (lines.isEmpty() || lines.size() > MAX_LINES) {
      violations.add(new FieldViolation("order.lines", "must hold 1 to " + MAX_LINES + " lines"));
    }
    List<OrderLine> numbered = new ArrayList<>();
    Set<String> lineIds = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      OrderLine line = lines.get(i);
      String field = "order.lines[" + i + "]";
      String lineId = line.lineId().isEmpty() ? String.valueOf(i + 1) : line.lineId();
      if (!LINE_ID.matcher(lineId).matches()) {
        violations.add(new FieldViolation(field + ".line_id", "must be 1 to 64 letters, digits, '-', '_' or '.'"));
      } else if (!lineIds.add(lineId)) {
        violations.add(new FieldViolation(field + ".line_id", "repeats the id of an earlier line"));
      }
      if (!SKU.matcher(line.sku()).matches()) {
        violations.add(new FieldViolation(field + ".sku", "must be 1 to 64 letters, digits, '-', '_', '.' or '/'"));
      }
      if (!CATEGORY.matcher(line.productCategory()).matches()) {
        violations.add(new FieldViolation(field + ".product_category",
            "must be 1 to 64 lower-case letters, digits, '-', '_' or '/'"));
      }
      if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
        violations.add(new FieldViolation(field + ".quantity", "must be 1 to " + MAX_QUANTITY));
      }
      checkUnitPrice(line.unitPrice(), field + ".unit_price", violations);
      numbered.add(new OrderLine(lineId, line.sku(), line.productCategory(), line.quantity(), line.unitPrice()));
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
    String currency = numbered.get(0).unitPrice().currencyCode();
    for (int i = 1; i < numbered.size(); i++) {
      if (!numbered.get(i).unitPrice().currencyCode().equals(currency)) {
        throw new InvalidArgumentException("CURRENCY_MISMATCH", List.of(new FieldViolation(
            "order.lines[" + i + "].unit_price.currency_code", "differs from the currency of the first line")));
      }
    }
    lines = List.copyOf(numbered);
  }

  private static void checkUnitPrice(Money price, String field, List<FieldViolation> violations) {
    if (price == null) {
      violations.add(new FieldViolation(field, "is required"));
      return;
    }
    if (!isKnownCurrency(price.currencyCode())) {
      violations.add(new FieldViolation(field + ".currency_code", "must be an ISO 4217 currency code"));
    }
    if (price.minorUnits() < 0 || price.minorUnits() > MAX_UNIT_PRICE) {
      violations.add(new FieldViolation(field + ".minor_units", "must be 0 to " + MAX_UNIT_PRICE));
    }
  }

  static boolean isKnownCurrency(String code) {
    if (!CURRENCY.matcher(code).matches()) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
