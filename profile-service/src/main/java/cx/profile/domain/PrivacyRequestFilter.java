package cx.profile.domain;

import java.util.Optional;
import java.util.Set;

/**
 * Which privacy requests a listing shows.
 *
 * @param type only this kind, or both when empty
 * @param states only these states, or every state when empty
 */
public record PrivacyRequestFilter(Optional<PrivacyRequestType> type, Set<PrivacyRequestState> states) {

  public PrivacyRequestFilter {
    states = Set.copyOf(states);
  }

  /** Whether a request is shown. */
  public boolean matches(PrivacyRequest request) {
    return type.map(t -> t == request.type()).orElse(true)
        && (states.isEmpty() || states.contains(request.state()));
  }
}
