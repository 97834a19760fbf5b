package cx.profile.domain;

import java.util.Objects;

/**
 * Who did something: the role they acted in and their authenticated subject, always taken from
 * the caller's verified credentials and never from a request.
 *
 * @param subject a customer id, an agent's or admin's user id, or a service name; empty for the
 *     system itself
 */
public record Actor(ActorRole role, String subject) {

  /** This service acting on its own, e.g. an automatic merge or a repair after a crash. */
  public static final Actor SYSTEM = new Actor(ActorRole.SYSTEM, "");

  public Actor {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(subject, "subject");
  }
}
