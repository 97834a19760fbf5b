package cx.runtime.failure;

import java.util.List;
import java.util.Map;

/** The request itself is wrong; the violations name each bad field and say why. */
public final class InvalidArgumentException extends DomainFailure {

  private final List<FieldViolation> violations;

  public InvalidArgumentException(List<FieldViolation> violations) {
    this("INVALID_ARGUMENT", violations);
  }

  /** With a more specific reason than INVALID_ARGUMENT, e.g. {@code CURRENCY_MISMATCH}. */
  public InvalidArgumentException(String reason, List<FieldViolation> violations) {
    this(reason, violations, Map.of());
  }

  /** With facts a client may act on, sent as {@code ErrorInfo.metadata}. */
  public InvalidArgumentException(String reason, List<FieldViolation> violations, Map<String, String> metadata) {
    super(reason, summary(violations), metadata);
    this.violations = List.copyOf(violations);
  }

  public static InvalidArgumentException of(String field, String description) {
    return new InvalidArgumentException(List.of(new FieldViolation(field, description)));
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  private static String summary(List<FieldViolation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid argument needs at least one violation");
    }
    FieldViolation first = violations.get(0);
    String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
    return first.field() + ": " + first.description() + more;
  }
}
