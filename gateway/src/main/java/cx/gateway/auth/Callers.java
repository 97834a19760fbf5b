package cx.gateway.auth;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/** The verified caller of a request that passed the bearer-token check. */
public final class Callers {

  private Callers() {
  }

  /** The request's caller; empty only on the open paths, which never ask. */
  public static Mono<Caller> of(ServerRequest request) {
    return request.principal()
        .filter(JwtAuthenticationToken.class::isInstance)
        .map(principal -> PlatformTokens.callerOf(((JwtAuthenticationToken) principal).getToken()));
  }
}
