package cx.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;

class ConsoleRoutesTest {

  private final ConsoleConfiguration configuration = new ConsoleConfiguration();
  private final WebTestClient client = WebTestClient.bindToRouterFunction(ConsoleConfiguration.routes())
      .handlerStrategies(HandlerStrategies.builder().webFilter(configuration.consoleHeaders()).build())
      .build();

  @Test
  void theSiteRootAndTheBarePathSendTheBrowserToTheConsole() {
    for (String path : new String[] {"/", "/console"}) {
      client.get().uri(path).exchange()
          .expectStatus().isSeeOther()
          .expectHeader().valueEquals("Location", "/console/");
    }
  }

  @Test
  void theConsolePageIsServedWithAPolicyThatAllowsOnlyTheGatewayItself() {
    String page = client.get().uri("/console/").exchange()
        .expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectHeader().valueEquals("Content-Security-Policy", ConsoleConfiguration.CONTENT_SECURITY_POLICY)
        .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
        .expectBody(String.class).returnResult().getResponseBody();

    assertThat(page).contains("<script type=\"module\" src=\"js/app.js\"></script>");
    assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//");
    assertThat(ConsoleConfiguration.CONTENT_SECURITY_POLICY).contains("default-src 'self'").doesNotContain("unsafe");
  }

  @Test
  void scriptsAreServedAsJavaScriptSoTheBrowserRunsThemAsModules() {
    client.get().uri("/console/js/app.js").exchange()
        .expectStatus().isOk()
        .expectHeader().value("Content-Type", type -> assertThat(type).contains("javascript"));
  }

  @Test
  void aFileThatIsNotThereIs404AndNothingOutsideTheConsoleFolderIsReachable() {
    client.get().uri("/console/js/missing.js").exchange().expectStatus().isNotFound();
    client.get().uri("/console/../application.yaml").exchange().expectStatus().isNotFound();
    client.get().uri("/console/%2e%2e/application.yaml").exchange().expectStatus().isNotFound();
  }
}
