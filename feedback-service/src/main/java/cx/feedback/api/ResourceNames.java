package cx.feedback.api;

import cx.runtime.failure.InvalidArgumentException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ids out of resource names such as {@code surveys/k3j9x2m8} or
 * {@code customers/k3j9x2m8/complaints/p4q7}. Ids are 1 to 64 letters, digits, '-' or '_', so a
 * value such as {@code $ne} or {@code {...}} is rejected, never interpreted.
 */
final class ResourceNames {

  private static final String ID = "([A-Za-z0-9_-]{1,64})";
  private static final Pattern SURVEY = Pattern.compile("surveys/" + ID);
  private static final Pattern CUSTOMER = Pattern.compile("customers/" + ID);

  /** A resource under a customer: the customer's id and the resource's own. */
  record CustomerChild(String customerId, String id) {
  }

  private ResourceNames() {
  }

  /** The id in a {@code surveys/{survey}} name, or INVALID_ARGUMENT naming the field. */
  static String surveyId(String name, String field) {
    Matcher matcher = SURVEY.matcher(name);
    if (!matcher.matches()) {
      throw InvalidArgumentException.of(field, "must be a survey name like surveys/{survey}");
    }
    return matcher.group(1);
  }

  /** The id in a {@code customers/{customer}} name, or INVALID_ARGUMENT naming the field. */
  static String customerId(String name, String field) {
    Matcher matcher = CUSTOMER.matcher(name);
    if (!matcher.matches()) {
      throw InvalidArgumentException.of(field, "must be a customer name like customers/{customer}");
    }
    return matcher.group(1);
  }

  /**
   * The ids in a {@code customers/{customer}/{collection}/{id}} name, or INVALID_ARGUMENT naming
   * the field.
   */
  static CustomerChild customerChild(String name, String collection, String field) {
    Matcher matcher = Pattern.compile("customers/" + ID + "/" + collection + "/" + ID).matcher(name);
    if (!matcher.matches()) {
      throw InvalidArgumentException.of(field,
          "must be a name like customers/{customer}/" + collection + "/{id}");
    }
    return new CustomerChild(matcher.group(1), matcher.group(2));
  }
}
