package cx.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform as it runs in containers — logs as one JSON object per line — observed from
 * outside: every process's health, readiness, liveness and Prometheus endpoints; one trace id
 * from the gateway through every service a request calls, in each one's log; the metrics a
 * request leaves behind; and no email address or phone number in any log line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String EMAIL = "Mary.Jackson." + UUID.randomUUID() + "@example.org";
  private static final String PHONE = "+1 415 555 0199";

  private LocalPlatform platform;
  private String agent;
  private String customer;

  @BeforeAll
  void startThePlatformAsInAContainer() throws Exception {
    platform = new LocalPlatform(Files.createTempDirectory("cx-observability-it"))
        .with("CX_LOG_FORMAT", "ecs")
        // As Compose passes it when no trace exporter is configured: set, but empty.
        .with("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "");
    LocalPlatform.Outcome up = platform.cx("up");
    if (up.exitCode() != 0) {
      for (String process : List.of("profile", "feedback", "returns", "gateway")) {
        System.err.println("---- " + process + " log ----\n" + platform.log(process));
      }
    }
    assertThat(up.exitCode()).as(up.output()).isZero();
    agent = "Bearer " + platform.token("agent", "observability-it");
  }

  @AfterAll
  void stopThePlatform() throws Exception {
    if (platform != null) {
      assertThat(platform.cx("down").exitCode()).isZero();
    }
  }

  @Test
  @Order(1)
  void everyProcessServesHealthReadinessLivenessAndPrometheusMetrics() throws Exception {
    for (Map.Entry<String, Integer> process : managementPorts().entrySet()) {
      for (String probe : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
        HttpResponse<String> health = get(process.getValue(), probe, Map.of());
        assertThat(health.statusCode()).as(process.getKey() + probe).isEqualTo(200);
        assertThat(json(health).get("status").getAsString()).as(process.getKey() + probe).isEqualTo("UP");
      }
      HttpResponse<String> metrics = get(process.getValue(), "/actuator/prometheus", Map.of());
      assertThat(metrics.statusCode()).as(process.getKey()).isEqualTo(200);
      assertThat(metrics.body()).as(process.getKey()).contains("jvm_memory_used_bytes", "process_uptime_seconds");
    }
  }

  @Test
  @Order(2)
  void aRequestsTraceIdIsInTheLogOfTheGatewayAndOfTheServiceItCalled() throws Exception {
    String traceId = newTraceId();

    HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(platform.gateway()
            + "/v1/customers?requestId=" + UUID.randomUUID()))
        .header("traceparent", traceparent(traceId))
        .header("authorization", agent)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\": \"Mary Jackson\", \"identities\": ["
            + "{\"type\": \"IDENTITY_TYPE_EMAIL\", \"value\": \"" + EMAIL + "\"},"
            + "{\"type\": \"IDENTITY_TYPE_PHONE\", \"value\": \"" + PHONE + "\"}]}")));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    customer = json(created).getAsJsonObject("customer").get("name").getAsString();
    assertThat(linesOfTrace("gateway", traceId)).anySatisfy(line -> assertThat(line).contains("POST /v1/customers"));
    assertThat(linesOfTrace("profile", traceId))
        .anySatisfy(line -> assertThat(line).contains("ProfileService/CreateCustomer OK"));
  }

  @Test
  @Order(3)
  void theTimelinesTraceReachesEveryService() throws Exception {
    // A source that answers late is left out of the page (partial); the trace is followed on a
    // page every source answered.
    String traceId = null;
    for (int attempt = 0; attempt < 5 && traceId == null; attempt++) {
      String candidate = newTraceId();
      HttpResponse<String> timeline = get(platform.port("GATEWAY_PORT"), "/v1/" + customer + "/timeline",
          Map.of("traceparent", traceparent(candidate), "authorization", agent));
      assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
      if (!json(timeline).get("partial").getAsBoolean()) {
        traceId = candidate;
      }
    }
    assertThat(traceId).as("a timeline page with every source").isNotNull();

    assertThat(linesOfTrace("gateway", traceId)).anySatisfy(line -> assertThat(line).contains("/timeline 200"));
    assertThat(linesOfTrace("profile", traceId)).anySatisfy(line -> assertThat(line).contains("ListCustomerProfileEvents OK"));
    assertThat(linesOfTrace("feedback", traceId)).anySatisfy(line -> assertThat(line).contains("ListCustomerFeedbackEvents OK"));
    assertThat(linesOfTrace("returns", traceId)).anySatisfy(line -> assertThat(line).contains("ListCustomerReturnEvents OK"));
  }

  @Test
  @Order(4)
  void requestsLeaveMetricsPerRouteMethodSourceStoreCallAndBusinessEvent() throws Exception {
    String gateway = get(platform.port("GATEWAY_PORT"), "/actuator/prometheus", Map.of()).body();
    String profile = get(platform.port("PROFILE_HTTP_PORT"), "/actuator/prometheus", Map.of()).body();

    assertThat(gateway).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/customers\"")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/customers/\\{customer}/timeline\"")
        .containsPattern("http_server_requests_seconds_bucket\\{")
        .containsPattern("grpc_client_seconds_count\\{[^}]*rpc_method=\"CreateCustomer\"")
        .containsPattern("cx_timeline_source_seconds_count\\{outcome=\"OK\",source=\"feedback\"}");
    assertThat(profile).containsPattern("grpc_server_seconds_count\\{[^}]*grpc_status_code=\"OK\",[^}]*rpc_method=\"CreateCustomer\"")
        .containsPattern("grpc_server_seconds_bucket\\{")
        .containsPattern("mongodb_driver_commands_seconds_count\\{[^}]*collection=\"customers\"")
        .containsPattern("cx_business_events_total\\{kind=\"profile.created\"} [1-9]");
  }

  @Test
  @Order(5)
  void everyLogLineIsOneJsonObject() throws Exception {
    for (String process : List.of("profile", "feedback", "returns", "gateway")) {
      List<String> lines = platform.log(process).lines().filter(line -> !line.isBlank()).toList();
      assertThat(lines).as(process).isNotEmpty();
      for (String line : lines) {
        // The JVM itself may warn on its error stream before logging starts (e.g. about native access).
        if (!line.startsWith("WARNING: ")) {
          assertThat(JsonParser.parseString(line).isJsonObject()).as(process + ": " + line).isTrue();
        }
      }
    }
  }

  @Test
  @Order(6)
  void noLogLineHoldsAnEmailAddressOrPhoneNumber() throws Exception {
    List<String> values = new ArrayList<>(LocalPlatform.PERSONAL_VALUES);
    values.addAll(List.of(EMAIL, EMAIL.toLowerCase(), "Mary Jackson"));

    assertThat(platform.linesWithPersonalData(values)).isEmpty();
  }

  private List<String> linesOfTrace(String process, String traceId) throws Exception {
    // Log lines are written when a call ends, a moment after its answer.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<String> lines;
    do {
      lines = platform.log(process).lines()
          .filter(line -> line.startsWith("{"))
          .filter(line -> {
            JsonObject event = JsonParser.parseString(line).getAsJsonObject();
            return event.has("traceId") && event.get("traceId").getAsString().equals(traceId);
          })
          .toList();
    } while (lines.isEmpty() && System.nanoTime() < deadline && sleep());
    return lines;
  }

  private Map<String, Integer> managementPorts() {
    return Map.of("gateway", platform.port("GATEWAY_PORT"), "profile", platform.port("PROFILE_HTTP_PORT"),
        "feedback", platform.port("FEEDBACK_HTTP_PORT"), "returns", platform.port("RETURNS_HTTP_PORT"));
  }

  private static String newTraceId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  private static String traceparent(String traceId) {
    return "00-" + traceId + "-" + newTraceId().substring(0, 16) + "-01";
  }

  private static boolean sleep() throws InterruptedException {
    Thread.sleep(200);
    return true;
  }

  private static HttpResponse<String> get(int port, String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    headers.forEach(request::header);
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }
}
