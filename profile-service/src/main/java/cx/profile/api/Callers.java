package cx.profile.api;

import cx.profile.domain.Actor;
import cx.profile.domain.ActorRole;

/**
 * Who is calling. The contract takes the actor of every change from the caller's verified
 * credentials, never from a request field; until the gateway propagates caller identity as
 * gRPC metadata, every call is attributed to this one placeholder agent. Replace
 * {@link #current()} with a reading of that metadata when caller identity is propagated; no
 * other code needs to change.
 */
final class Callers {

  /** The stand-in for the authenticated caller. */
  static final Actor PLACEHOLDER_AGENT = new Actor(ActorRole.AGENT, "agent");

  private Callers() {
  }

  /** The actor of the current call. */
  static Actor current() {
    return PLACEHOLDER_AGENT;
  }
}
