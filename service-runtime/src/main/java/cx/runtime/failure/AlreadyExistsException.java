package cx.runtime.failure;

/** A resource with the same key exists already, or an idempotency key was reused differently. */
public final class AlreadyExistsException extends DomainFailure {
  public AlreadyExistsException(String reason, String message) {
    super(reason, message);
  }
}
