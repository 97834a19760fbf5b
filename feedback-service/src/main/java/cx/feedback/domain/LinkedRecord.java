package cx.feedback.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A typed pointer to a record a response or complaint is about, such as the order a delivery
 * survey follows. The pair (kind, id) is compared exactly.
 */
public record LinkedRecord(LinkedRecordKind kind, String id) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  public LinkedRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  /** Whether {@code id} is acceptable as a linked record's id: 1 to 128 letters, digits, '.', '_', ':' or '-'. */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
