package cx.profile.api;

import cx.runtime.failure.InvalidArgumentException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads customer ids out of resource names such as {@code customers/k3j9x2m8}. */
final class ResourceNames {

  private static final Pattern CUSTOMER = Pattern.compile("customers/([A-Za-z0-9_-]{1,64})");

  private ResourceNames() {
  }

  /** The id in a {@code customers/{customer}} name, or INVALID_ARGUMENT naming the field. */
  static String customerId(String name, String field) {
    Matcher matcher = CUSTOMER.matcher(name == null ? "" : name);
    if (!matcher.matches()) {
      throw InvalidArgumentException.of(field, "must be a customer name like customers/{customer}");
    }
    return matcher.group(1);
  }
}
