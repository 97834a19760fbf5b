package cx.returns.api;

import cx.runtime.failure.InvalidArgumentException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads ids out of resource names such as {@code customers/k3j9x2m8/returns/p4q7r2s9}. */
final class ResourceNames {

  private static final String CUSTOMER_ID = "([A-Za-z0-9_-]{1,64})";
  private static final Pattern CUSTOMER = Pattern.compile("customers/" + CUSTOMER_ID);
  private static final Pattern ORDER = Pattern.compile("customers/" + CUSTOMER_ID + "/orders/([A-Za-z0-9._-]{1,128})");
  private static final Pattern COMMERCE_SUMMARY = Pattern.compile("customers/" + CUSTOMER_ID + "/commerceSummary");
  private static final Pattern RETURN = Pattern.compile("customers/" + CUSTOMER_ID + "/returns/([A-Za-z0-9_-]{1,64})");

  private ResourceNames() {
  }

  /** The ids in an order's name. */
  record OrderName(String customerId, String orderId) {
  }

  /** The ids in a return's name. */
  record ReturnName(String customerId, String returnId) {
  }

  /** The id in a {@code customers/{customer}} name, or INVALID_ARGUMENT naming the field. */
  static String customerId(String name, String field) {
    return match(CUSTOMER, name, field, "customers/{customer}").group(1);
  }

  /** The ids in a {@code customers/{customer}/orders/{order}} name, or INVALID_ARGUMENT. */
  static OrderName orderName(String name, String field) {
    Matcher matcher = match(ORDER, name, field, "customers/{customer}/orders/{order}");
    return new OrderName(matcher.group(1), matcher.group(2));
  }

  /** The ids in a {@code customers/{customer}/returns/{return}} name, or INVALID_ARGUMENT. */
  static ReturnName returnName(String name, String field) {
    Matcher matcher = match(RETURN, name, field, "customers/{customer}/returns/{return}");
    return new ReturnName(matcher.group(1), matcher.group(2));
  }

  /** The customer id in a {@code customers/{customer}/commerceSummary} name, or INVALID_ARGUMENT. */
  static String commerceSummaryCustomerId(String name, String field) {
    return match(COMMERCE_SUMMARY, name, field, "customers/{customer}/commerceSummary").group(1);
  }

  private static Matcher match(Pattern pattern, String name, String field, String shape) {
    Matcher matcher = pattern.matcher(name == null ? "" : name);
    if (!matcher.matches()) {
      throw InvalidArgumentException.of(field, "must be a name like " + shape);
    }
    return matcher;
  }
}
