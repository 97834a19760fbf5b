package cx.feedback.api;

import cx.feedback.domain.Actor;
import cx.feedback.domain.ActorRole;
import cx.runtime.auth.Caller;

/**
 * Who is calling: the caller {@link cx.runtime.auth.CallerCheck} verified from the call's bearer
 * token, as the domain records actors. The actor of a change always comes from these verified
 * credentials, never from a request field.
 */
final class Callers {

  private Callers() {
  }

  /** The actor of the current call. */
  static Actor current() {
    Caller caller = cx.runtime.auth.Callers.current();
    return new Actor(switch (caller.role()) {
      case CALLER_ROLE_CUSTOMER -> ActorRole.CUSTOMER;
      case CALLER_ROLE_ADMIN -> ActorRole.ADMIN;
      case CALLER_ROLE_SERVICE -> ActorRole.SYSTEM;
      default -> ActorRole.AGENT;
    }, caller.subject());
  }
}
