package cx.runtime.failure;

import java.util.Map;

/** The request is well formed but the resource is not in a state that allows it. */
public final class FailedPreconditionException extends DomainFailure {
  public FailedPreconditionException(String reason, String message) {
    super(reason, message);
  }

  public FailedPreconditionException(String reason, String message, Map<String, String> metadata) {
    super(reason, message, metadata);
  }
}
