package cx.runtime.failure;

import java.util.Objects;

/**
 * One problem with one field of a request.
 *
 * @param field the field's path in the request, in proto field names, e.g. {@code customer.identities[1].value}
 * @param description what is wrong, for the caller; never echoes the value back
 */
public record FieldViolation(String field, String description) {
  public FieldViolation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(description, "description");
  }
}
