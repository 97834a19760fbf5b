package cx.gateway.console;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

/**
 * The agent console: static files under {@code /console/}, public like any web page, that talk
 * to the same {@code /v1/} API as every other client. The site root sends a browser to it.
 *
 * <p>Every console response carries a content security policy that lets the page load scripts,
 * styles, images and data from the gateway only, so nothing reaches a third-party host and an
 * injected script cannot run.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

  /** Where the files live on the class path, and the path they are served under. */
  static final String FILES = "console/";
  static final String PATH = "/console/";

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  /** The console's files, its index at {@code /console/}, and redirects from the root to it. */
  @Bean
  @Order(-1)
  RouterFunction<ServerResponse> console() {
    return routes();
  }

  static RouterFunction<ServerResponse> routes() {
    ClassPathResource index = new ClassPathResource(FILES + "index.html");
    return RouterFunctions.route(RequestPredicates.GET("/").or(RequestPredicates.GET("/console")),
            request -> ServerResponse.status(303).location(URI.create(PATH)).build())
        .andRoute(RequestPredicates.GET(PATH), request -> ServerResponse.ok()
            .contentType(MediaType.TEXT_HTML).bodyValue(index))
        .and(RouterFunctions.resources(PATH + "**", new ClassPathResource(FILES)));
  }

  /** The console's security and caching headers, on every response under {@code /console/}. */
  @Bean
  WebFilter consoleHeaders() {
    return (exchange, chain) -> {
      if (exchange.getRequest().getPath().value().startsWith(PATH)) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        // Revalidate on every load, so an agent never runs a stale mix of old and new modules.
        headers.setCacheControl(CacheControl.noCache());
      }
      return chain.filter(exchange);
    };
  }
}
