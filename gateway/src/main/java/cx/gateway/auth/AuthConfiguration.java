package cx.gateway.auth;

import cx.gateway.problem.Problem;
import cx.gateway.transcoding.TranscodingHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may reach the API: every {@code /v1} call but the OpenAPI document needs a valid bearer
 * token (no sessions, no cookies, so no CSRF surface); which caller may call which method, and
 * on whose data, is decided per request from the contracts (see {@link cx.access.AccessRule}).
 * The console's static files, the health probes and the OpenAPI document are open.
 */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

  @Bean
  PlatformTokens platformTokens(@Value("${cx.auth.hmac-key:}") String key, @Value("${cx.auth.issuer}") String issuer,
      @Value("${cx.auth.audience}") String audience, @Value("${cx.auth.jwk-set-uri:}") String jwkSetUri,
      @Value("${cx.auth.service-token-lifetime:5m}") Duration serviceTokenLifetime) {
    return new PlatformTokens(key, issuer, audience, jwkSetUri, serviceTokenLifetime, Clock.systemUTC());
  }

  /**
   * No observation per security filter: the request's own observation (its trace span, its
   * metrics, its access-log line) already covers the whole chain, and a dozen more per request
   * cost a good share of the gateway's time.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  ReactiveJwtDecoder jwtDecoder(PlatformTokens tokens) {
    return tokens.decoder();
  }

  @Bean
  SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder) {
    ServerAuthenticationEntryPoint unauthenticated = (exchange, failure) -> write(exchange, HttpStatus.UNAUTHORIZED,
        hasBearer(exchange)
            ? new Problem(401, "Unauthorized", "The bearer token is malformed, expired, or not signed by a trusted key.",
                "CREDENTIALS_INVALID", "gateway.cx", List.of())
            : new Problem(401, "Unauthorized", "Send a bearer token in the Authorization header.",
                "CREDENTIALS_MISSING", "gateway.cx", List.of()));
    ServerAccessDeniedHandler denied = (exchange, failure) -> write(exchange, HttpStatus.FORBIDDEN,
        new Problem(403, "Forbidden", "Your role may not do this.", "ROLE_NOT_ALLOWED", "gateway.cx", List.of()));
    return http
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .authorizeExchange(rules -> rules
            .pathMatchers(HttpMethod.OPTIONS).permitAll()
            .pathMatchers("/v1/openapi.json").permitAll()
            .pathMatchers("/v1/**").authenticated()
            .anyExchange().permitAll())
        .oauth2ResourceServer(server -> server
            .bearerTokenConverter(bearerTokens())
            .jwt(jwt -> jwt.jwtDecoder(decoder))
            .authenticationEntryPoint(unauthenticated)
            .accessDeniedHandler(denied))
        .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
        .build();
  }

  /**
   * Bearer tokens come in the Authorization header; only the timeline stream, which browsers open
   * with EventSource (no headers), also takes {@code access_token} in the query (RFC 6750 2.3). The
   * access log never records query strings.
   */
  private static ServerAuthenticationConverter bearerTokens() {
    ServerBearerTokenAuthenticationConverter headerOnly = new ServerBearerTokenAuthenticationConverter();
    ServerBearerTokenAuthenticationConverter orQuery = new ServerBearerTokenAuthenticationConverter();
    orQuery.setAllowUriQueryParameter(true);
    return exchange -> exchange.getRequest().getPath().value().endsWith("/timeline:stream")
        ? orQuery.convert(exchange) : headerOnly.convert(exchange);
  }

  private static boolean hasBearer(ServerWebExchange exchange) {
    String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    return authorization != null && !authorization.isBlank()
        || exchange.getRequest().getQueryParams().containsKey("access_token");
  }

  private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, Problem problem) {
    String requestId = exchange.getRequest().getHeaders().getFirst(TranscodingHandler.REQUEST_ID_HEADER);
    var response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "CREDENTIALS_INVALID".equals(problem.reason())
          ? "Bearer error=\"invalid_token\"" : "Bearer");
    }
    byte[] body = problem.toJson(exchange.getRequest().getPath().value(), requestId).getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
