package cx.runtime.failure;

/** The request is well formed but the resource is not in a state that allows it. */
public final class FailedPreconditionException extends DomainFailure {
  public FailedPreconditionException(String reason, String message) {
    super(reason, message);
  }
}
