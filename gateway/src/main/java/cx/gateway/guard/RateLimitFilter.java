package cx.gateway.guard;

import cx.gateway.problem.Problem;
import cx.gateway.transcoding.TranscodingHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits each client to a steady rate with a burst allowance: the {@code burst + 1}-th request
 * in an instant gets 429 with {@code Retry-After} (whole seconds, rounded up). A client is the
 * bearer token it presents, or else its address. Buckets live in this gateway instance; behind
 * several instances the effective limit is the sum.
 */
public final class RateLimitFilter implements WebFilter, Ordered {

  private final double ratePerSecond;
  private final int burst;
  private final LongSupplier nanoTime;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public RateLimitFilter(double ratePerSecond, int burst, LongSupplier nanoTime) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("the rate must be positive and the burst at least 1");
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!exchange.getRequest().getPath().value().startsWith("/v1/")) {
      return chain.filter(exchange);
    }
    long now = nanoTime.getAsLong();
    if (buckets.size() > 100_000) {
      buckets.values().removeIf(b -> b.isFull(now));
    }
    long wait = buckets.computeIfAbsent(clientOf(exchange), k -> new TokenBucket(ratePerSecond, burst, now)).tryTake(now);
    if (wait == 0) {
      return chain.filter(exchange);
    }
    long retryAfterSeconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
    String requestId = exchange.getRequest().getHeaders().getFirst(TranscodingHandler.REQUEST_ID_HEADER);
    requestId = requestId == null ? UUID.randomUUID().toString() : requestId;
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
    response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    byte[] body = new Problem(429, "Too Many Requests", "Too many requests from this client; retry after "
        + retryAfterSeconds + " s.", "RATE_LIMITED", "gateway.cx", List.of())
        .toJson(exchange.getRequest().getPath().value(), "rate-limited")
        .getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  private static String clientOf(ServerWebExchange exchange) {
    String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.startsWith("Bearer ") && authorization.length() < 8192) {
      return "token:" + Integer.toHexString(authorization.hashCode()) + ":" + authorization.length();
    }
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    return "address:" + (remote == null ? "unknown" : remote.getAddress().getHostAddress());
  }
}
