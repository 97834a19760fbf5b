package cx.runtime.auth;

/** A token that is not one this platform accepts: bad signature, expired, wrong issuer or audience. */
public final class InvalidCredentialsException extends Exception {

  public InvalidCredentialsException(String message) {
    super(message);
  }
}
