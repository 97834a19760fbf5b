package cx.runtime.auth;

import io.grpc.Context;

/** The verified caller of the gRPC call being served, which {@link CallerCheck} put in its context. */
public final class Callers {

  static final Context.Key<Caller> KEY = Context.key("cx-caller");

  private Callers() {
  }

  /**
   * The caller of the current call.
   *
   * @throws IllegalStateException outside a call that {@link CallerCheck} admitted
   */
  public static Caller current() {
    Caller caller = KEY.get();
    if (caller == null) {
      throw new IllegalStateException("No verified caller: this code runs outside an admitted gRPC call.");
    }
    return caller;
  }
}
