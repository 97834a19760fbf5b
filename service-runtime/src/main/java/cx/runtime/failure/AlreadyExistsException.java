package cx.runtime.failure;

import java.util.Map;

/** A resource with the same key exists already, or an idempotency key was reused differently. */
public final class AlreadyExistsException extends DomainFailure {
  public AlreadyExistsException(String reason, String message) {
    super(reason, message);
  }

  public AlreadyExistsException(String reason, String message, Map<String, String> metadata) {
    super(reason, message, metadata);
  }
}
