package cx.runtime.failure;

import java.util.Map;

/**
 * The resource does not exist, or the caller may not know that it does: both cases give this
 * same answer, so that a caller cannot probe for other customers' data.
 */
public final class NotFoundException extends DomainFailure {
  public NotFoundException(String resourceName) {
    super("RESOURCE_NOT_FOUND", resourceName + " was not found.");
  }

  /** With a more specific reason, e.g. {@code IDENTITY_NOT_FOUND}, and a message of its own. */
  public NotFoundException(String reason, String message) {
    super(reason, message);
  }

  /** With facts a client may act on, sent as {@code ErrorInfo.metadata}. */
  public NotFoundException(String reason, String message, Map<String, String> metadata) {
    super(reason, message, metadata);
  }
}
