package cx.returns.domain;

import java.util.Objects;

/**
 * Who makes a change: the authenticated subject of the caller, never taken from a request.
 *
 * @param subject a customer id, an agent's or admin's user id, or {@code system}
 */
public record Actor(String subject, ActorType type) {

  /** The service itself. */
  public static final Actor SYSTEM = new Actor("system", ActorType.SYSTEM);

  public Actor {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(type, "type");
  }
}
