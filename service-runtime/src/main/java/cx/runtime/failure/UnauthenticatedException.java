package cx.runtime.failure;

/** The call carries no valid credentials ({@code CREDENTIALS_MISSING} or {@code CREDENTIALS_INVALID}). */
public final class UnauthenticatedException extends DomainFailure {
  public UnauthenticatedException(String reason, String message) {
    super(reason, message);
  }
}
