package cx.gateway.history;

import cx.gateway.auth.PlatformTokens;
import cx.gateway.backend.Backends;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The unified customer history. */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

  @Bean
  GrpcHistorySources grpcHistorySources(Backends backends, PlatformTokens tokens,
      @Value("${cx.gateway.timeline.source-timeout}") Duration sourceTimeout, MeterRegistry meters) {
    return new GrpcHistorySources(backends, tokens, sourceTimeout, meters);
  }

  @Bean
  TimelineHandler timelineHandler(GrpcHistorySources sources,
      @Value("${cx.gateway.timeline.source-timeout}") Duration sourceTimeout,
      @Value("${cx.gateway.page-token-key}") String tokenKey) {
    return new TimelineHandler(sources, new TimelineMerger(sources.all(), sourceTimeout), new TimelineCursor(tokenKey));
  }

  @Bean
  SummaryHandler summaryHandler(GrpcHistorySources sources) {
    return new SummaryHandler(sources);
  }

  @Bean
  TimelineStreamHandler timelineStreamHandler(GrpcHistorySources sources,
      @Value("${cx.gateway.timeline.source-timeout}") Duration sourceTimeout,
      @Value("${cx.gateway.timeline.stream-poll-interval:1s}") Duration pollInterval,
      @Value("${cx.gateway.timeline.stream-heartbeat:15s}") Duration heartbeat) {
    return new TimelineStreamHandler(sources, new TimelineMerger(sources.all(), sourceTimeout), pollInterval, heartbeat);
  }

  /** Before the generic REST routes, which would answer 404 for these paths. */
  @Bean
  @Order(0)
  RouterFunction<ServerResponse> customerHistory(TimelineHandler timeline, TimelineStreamHandler stream,
      SummaryHandler summary) {
    return RouterFunctions.route(RequestPredicates.GET("/v1/customers/{customer}/timeline"), timeline::handle)
        .andRoute(RequestPredicates.GET("/v1/customers/{customer}/timeline:stream"), stream::handle)
        .andRoute(RequestPredicates.GET("/v1/customers/{customer}/summary"), summary::handle);
  }
}
