package cx.gateway.guard;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/** The gateway's guard rails: access log, per-client rate limit, CORS. */
@Configuration(proxyBeanMethods = false)
class GuardConfiguration {

  @Bean
  AccessLogFilter accessLogFilter() {
    return new AccessLogFilter();
  }

  @Bean
  RateLimitFilter rateLimitFilter(@Value("${cx.gateway.rate-limit.requests-per-second}") double rate,
      @Value("${cx.gateway.rate-limit.burst}") int burst) {
    return new RateLimitFilter(rate, burst, System::nanoTime);
  }

  /** Browsers from the configured origins may call the API; no others. */
  @Bean
  CorsWebFilter corsWebFilter(@Value("${cx.gateway.cors.allowed-origins:}") List<String> origins) {
    CorsConfiguration cors = new CorsConfiguration();
    origins.stream().filter(o -> !o.isBlank()).forEach(cors::addAllowedOrigin);
    cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "PUT", "DELETE"));
    cors.setAllowedHeaders(List.of("authorization", "content-type", "x-request-id"));
    cors.setExposedHeaders(List.of("x-request-id", "retry-after"));
    cors.setMaxAge(3600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/v1/**", cors);
    return new CorsWebFilter(source);
  }
}
