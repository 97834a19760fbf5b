package cx.feedback.domain;

import java.util.Objects;

/**
 * Who made a change: the role they acted in and their authenticated subject.
 *
 * @param subject the customer id for a customer, the user id of an agent or administrator, the
 *     calling service's name for the system
 */
public record Actor(ActorRole role, String subject) {

  public Actor {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(subject, "subject");
  }

  /** Whether the actor works for the business, so that their update counts as a response to the customer. */
  public boolean isStaff() {
    return role == ActorRole.AGENT || role == ActorRole.ADMIN;
  }
}
