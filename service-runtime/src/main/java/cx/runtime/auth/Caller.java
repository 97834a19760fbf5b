package cx.runtime.auth;

import cx.common.v1.CallerRole;
import java.util.Objects;

/**
 * Who is calling, as their verified token says.
 *
 * @param role the caller's role
 * @param subject the token's subject: a customer's own customer id, an agent's or admin's user
 *     id, a service's name
 */
public record Caller(CallerRole role, String subject) {

  public Caller {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(subject, "subject");
  }

  /** Whether the caller is the customer with this id. */
  public boolean isCustomer(String customerId) {
    return role == CallerRole.CALLER_ROLE_CUSTOMER && subject.equals(customerId);
  }
}
