package cx.gateway.guard;

import cx.gateway.transcoding.TranscodingHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One access-log line per request, without personal data: method, the path with resource ids
 * and query string left out (a query can hold an email or phone number), status, duration and
 * the request id, which is also set on the request when the client sent none so that the
 * services and the response carry the same one. The line is written in the request's trace
 * scope, so it carries the trace id the services' lines carry too.
 */
public final class AccessLogFilter implements WebFilter, Ordered {

  private static final Logger log = LoggerFactory.getLogger("cx.gateway.access");

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long start = System.nanoTime();
    ServerHttpRequest request = exchange.getRequest();
    String given = request.getHeaders().getFirst(TranscodingHandler.REQUEST_ID_HEADER);
    String requestId = TranscodingHandler.isSafeRequestId(given) ? given : UUID.randomUUID().toString();
    ServerWebExchange withId = exchange.mutate()
        .request(request.mutate().headers(h -> h.set(TranscodingHandler.REQUEST_ID_HEADER, requestId)).build())
        .build();
    withId.getResponse().getHeaders().set(TranscodingHandler.REQUEST_ID_HEADER, requestId);
    return Mono.deferContextual(context -> chain.filter(withId).doFinally(signal -> {
      Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
      try (Observation.Scope scope = observation == null ? null : observation.openScope();
          MDC.MDCCloseable id = MDC.putCloseable("requestId", requestId)) {
        log.info("{} {} {} {} ms request_id={}", request.getMethod(), redact(request.getPath().value()),
            withId.getResponse().getStatusCode() == null ? 0 : withId.getResponse().getStatusCode().value(),
            (System.nanoTime() - start) / 1_000_000, requestId);
      }
    }));
  }

  /** The path with every segment after a collection name replaced by its shape. */
  static String redact(String path) {
    String[] segments = path.split("/", -1);
    StringBuilder redacted = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        redacted.append('/');
      }
      String segment = segments[i];
      boolean isId = i >= 3 && i % 2 == 1;
      if (isId) {
        int colon = segment.indexOf(':');
        redacted.append('*').append(colon >= 0 ? segment.substring(colon) : "");
      } else {
        redacted.append(segment);
      }
    }
    return redacted.toString();
  }
}
