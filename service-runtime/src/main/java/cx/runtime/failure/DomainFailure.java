package cx.runtime.failure;

import java.util.Map;

/**
 * A rule of the domain said no. Every service maps these, in one place, to a canonical status
 * with an {@code ErrorInfo} reason; anything else that escapes a call is a bug and is answered
 * as an internal error without detail.
 *
 * <p>The message is written for the caller: it must never contain personal data, store errors
 * or class names.
 */
public abstract class DomainFailure extends RuntimeException {

  private final String reason;
  private final Map<String, String> metadata;

  protected DomainFailure(String reason, String message) {
    this(reason, message, Map.of());
  }

  protected DomainFailure(String reason, String message, Map<String, String> metadata) {
    super(message, null, false, false);
    this.reason = reason;
    this.metadata = Map.copyOf(metadata);
  }

  /** Facts a client may act on, sent as {@code ErrorInfo.metadata}, e.g. {@code state=RECEIVED}. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The machine-readable reason, UPPER_SNAKE_CASE, stable across versions. */
  public String reason() {
    return reason;
  }
}
