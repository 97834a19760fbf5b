package cx.feedback.domain;

import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects what is wrong with a request so that the caller hears about every bad field at once.
 *
 * <p>Each violation carries an ErrorInfo reason. When every violation shares one specific
 * reason (for example all are {@code TEXT_TOO_LONG}), the failure carries it; a mix is reported
 * as plain {@code INVALID_ARGUMENT}, with the field violations saying what each field needs.
 */
public final class Violations {

  /** The reason of a text field over its size limit. */
  public static final String TEXT_TOO_LONG = "TEXT_TOO_LONG";
  /** The reason of a score outside its survey type's scale. */
  public static final String SCORE_OUT_OF_RANGE = "SCORE_OUT_OF_RANGE";
  private static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";

  private final List<FieldViolation> violations = new ArrayList<>();
  private final Set<String> reasons = new LinkedHashSet<>();

  /** Records a violation with the general reason INVALID_ARGUMENT. */
  public Violations add(String field, String description) {
    return add(INVALID_ARGUMENT, field, description);
  }

  /** Records a violation with a specific reason. */
  public Violations add(String reason, String field, String description) {
    violations.add(new FieldViolation(field, description));
    reasons.add(reason);
    return this;
  }

  /**
   * Checks a free-text field: at most {@code maxLength} characters, no control characters other
   * than line breaks and tabs, and, when {@code required}, not blank. The text is stored as
   * given, never interpreted.
   */
  public Violations checkText(String field, String text, int maxLength, boolean required) {
    if (text.length() > maxLength) {
      add(TEXT_TOO_LONG, field, "is longer than " + maxLength + " characters");
    } else if (required && text.isBlank()) {
      add(field, "is required");
    } else if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
      add(field, "contains control characters other than line breaks and tabs");
    }
    return this;
  }

  public boolean isEmpty() {
    return violations.isEmpty();
  }

  /** Throws the collected violations, if there are any. */
  public void throwIfAny() {
    if (violations.isEmpty()) {
      return;
    }
    String reason = reasons.size() == 1 ? reasons.iterator().next() : INVALID_ARGUMENT;
    throw new InvalidArgumentException(reason, violations);
  }
}
