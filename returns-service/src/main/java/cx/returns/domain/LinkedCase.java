package cx.returns.domain;

import cx.runtime.failure.FieldViolation;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link from a return to the complaint or survey response it belongs with.
 *
 * @param resource the linked resource's name in feedback-service
 */
public record LinkedCase(String resource, LinkedCaseKind kind, Instant linkTime) {

  private static final Pattern NAME =
      Pattern.compile("customers/([A-Za-z0-9_-]{1,64})/(complaints|responses)/[A-Za-z0-9_-]{1,64}");

  /** What is wrong with the kind or the form of the resource name, or null when nothing is. */
  FieldViolation formViolation(String field) {
    if (kind == null) {
      return new FieldViolation(field + ".kind", "is required");
    }
    Matcher name = NAME.matcher(resource);
    if (!name.matches() || !name.group(2).equals(kind.collection())) {
      return new FieldViolation(field + ".resource",
          "must be a name like customers/{customer}/" + kind.collection() + "/{id}");
    }
    return null;
  }

  /** Whether the well-formed resource belongs to the customer. */
  boolean belongsTo(String customerId) {
    Matcher name = NAME.matcher(resource);
    return name.matches() && name.group(1).equals(customerId);
  }
}
