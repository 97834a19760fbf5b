package cx.returns.api;

import cx.returns.domain.Actor;
import cx.returns.domain.ActorType;

/**
 * Who is calling, for the status history. The platform's gateway does not forward verified
 * caller identities yet, so every caller is recorded as an unknown actor; the subject is never
 * taken from a request, so nothing a caller sends can impersonate someone.
 */
final class Callers {

  private static final Actor UNIDENTIFIED = new Actor("", ActorType.UNKNOWN);

  private Callers() {
  }

  static Actor current() {
    return UNIDENTIFIED;
  }
}
