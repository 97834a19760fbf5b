package cx.gateway.find;

import cx.gateway.backend.Backends;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Finding a customer from whatever an agent typed. */
@Configuration(proxyBeanMethods = false)
class FindConfiguration {

  @Bean
  FindHandler findHandler(Backends backends, @Value("${cx.gateway.find.social-networks}") List<String> networks) {
    return new FindHandler(backends, networks.stream().map(String::strip).filter(n -> !n.isEmpty()).toList());
  }

  /** Before the generic REST routes, which would answer 404 for this path. */
  @Bean
  @Order(0)
  RouterFunction<ServerResponse> customerFind(FindHandler handler) {
    return RouterFunctions.route(RequestPredicates.GET("/v1/customers:find"), handler::handle);
  }
}
