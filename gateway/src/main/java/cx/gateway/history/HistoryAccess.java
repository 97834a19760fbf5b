package cx.gateway.history;

import cx.access.AccessRule;
import cx.common.v1.CallerRole;
import cx.gateway.auth.Caller;
import cx.gateway.problem.Problem;
import java.util.List;
import java.util.Optional;

/**
 * Who may read a customer's history and card: agents and admins any customer's, a customer only
 * their own. Checked before anything else about the request, and answered for another customer
 * exactly as profile-service answers for a customer that does not exist.
 */
final class HistoryAccess {

  private HistoryAccess() {
  }

  static Optional<Problem> refusal(Caller caller, String customer) {
    if (caller.role() != CallerRole.CALLER_ROLE_CUSTOMER) {
      return Optional.empty();
    }
    return switch (AccessRule.decideCustomer(caller.subject(), customer)) {
      case ALLOWED -> Optional.empty();
      case ROLE_NOT_ALLOWED -> Optional.of(new Problem(403, "Forbidden",
          "A customer may only reach their own profile's records.", "ROLE_NOT_ALLOWED", "profile.cx", List.of()));
      case NOT_THEIRS -> Optional.of(new Problem(404, "Not Found", "customers/" + customer + " was not found.",
          "RESOURCE_NOT_FOUND", "profile.cx", List.of()));
    };
  }
}
