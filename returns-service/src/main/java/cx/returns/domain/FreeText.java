package cx.returns.domain;

import cx.runtime.failure.FieldViolation;
import java.util.List;

/** The rules for text people write: a length limit, and no control characters but line breaks and tabs. */
final class FreeText {

  private FreeText() {
  }

  static void check(String field, String value, int maxLength, boolean required, List<FieldViolation> violations) {
    if (required && value.isBlank()) {
      violations.add(new FieldViolation(field, "is required"));
    } else if (value.length() > maxLength) {
      violations.add(new FieldViolation(field, "is longer than " + maxLength + " characters"));
    } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
      violations.add(new FieldViolation(field, "contains control characters"));
    }
  }
}
