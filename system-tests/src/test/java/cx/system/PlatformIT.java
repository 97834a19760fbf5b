package cx.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The walking skeleton, end to end: {@code bin/cx up} starts the four processes on the embedded
 * store, a REST call through the gateway creates a customer in profile-service, a second reads
 * it back, and {@code bin/cx down} leaves no process behind, and no log line names a person.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Path state;
  private LocalPlatform platform;
  private LocalPlatform.Outcome up;
  private long upMillis;
  private String agent;

  @BeforeAll
  void startThePlatform() throws Exception {
    state = Files.createTempDirectory("cx-platform-it");
    platform = new LocalPlatform(state);
    long started = System.nanoTime();
    up = platform.cx("up");
    upMillis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("bin/cx up said:\n" + up.output());
    if (up.exitCode() != 0) {
      for (String process : new String[] {"profile", "feedback", "returns", "gateway"}) {
        System.err.println("---- " + process + " log ----\n" + platform.log(process));
      }
    }
    assertThat(up.exitCode()).as(up.output()).isZero();
    agent = "Bearer " + platform.token("agent", "agent-it");
  }

  @AfterAll
  void stopThePlatform() throws Exception {
    if (platform == null) {
      return;
    }
    platform.downAndAwaitExit();
    assertThat(platform.pids()).isEmpty();
    assertThat(platform.linesWithPersonalData(LocalPlatform.PERSONAL_VALUES)).as("log lines with personal data")
        .isEmpty();
  }

  @Nested
  class StartingAndStopping {

    @Test
    void upStartsAllFourProcessesHealthy() throws Exception {
      // How fast is measured by bin/cx bench, not here: a busy machine must not fail the build.
      assertThat(platform.pids()).containsOnlyKeys("profile", "feedback", "returns", "gateway");
      assertThat(up.output()).contains("All four processes are healthy").contains(platform.gateway());
      System.out.printf("bin/cx up took %d ms (including demo data)%n", upMillis);
    }

    @Test
    void aSecondUpSaysSoAndChangesNothing() throws Exception {
      Map<String, Long> before = platform.pids();

      LocalPlatform.Outcome again = platform.cx("up");

      assertThat(again.exitCode()).isZero();
      assertThat(again.output()).contains("already running");
      assertThat(platform.pids()).isEqualTo(before);
    }

    @Test
    void statusShowsEveryProcessHealthy() throws Exception {
      LocalPlatform.Outcome status = platform.cx("status");

      assertThat(status.output().lines().filter(line -> line.endsWith("healthy") && !line.endsWith("unhealthy")))
          .hasSize(4);
    }

    @Test
    void aTakenPortGivesAClearMessageAndLeavesNothingRunning() throws Exception {
      LocalPlatform second = new LocalPlatform(Files.createTempDirectory("cx-platform-it-second"));
      try (ServerSocket taken = new ServerSocket(second.port("PROFILE_GRPC_PORT"))) {
        LocalPlatform.Outcome outcome = second.cx("up");

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("port " + taken.getLocalPort() + " is already in use");
        assertThat(second.pids()).isEmpty();
      }
    }
  }

  @Nested
  class ThroughTheGateway {

    @Test
    void aCustomerCreatedOverRestReadsBack() throws Exception {
      String email = "Grace." + UUID.randomUUID() + "@Example.org";
      HttpResponse<String> created = post("/v1/customers?requestId=" + UUID.randomUUID(),
          "{\"displayName\": \"Grace Hopper\", \"identities\": [{\"type\": \"IDENTITY_TYPE_EMAIL\", \"value\": \""
              + email + "\"}]}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      String name = json(created).getAsJsonObject("customer").get("name").getAsString();

      HttpResponse<String> read = get("/v1/" + name);

      assertThat(read.statusCode()).isEqualTo(200);
      JsonObject customer = json(read).getAsJsonObject("customer");
      assertThat(customer.get("name").getAsString()).isEqualTo(name);
      assertThat(customer.get("displayName").getAsString()).isEqualTo("Grace Hopper");
      assertThat(customer.getAsJsonArray("identities").get(0).getAsJsonObject().get("value").getAsString())
          .isEqualTo(email.toLowerCase());
      assertThat(read.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void theDemoCustomerOfTheExampleCallExists() throws Exception {
      Matcher example = Pattern.compile("curl -s -H \"authorization: Bearer \\$TOKEN\" (http://\\S+/v1/customers/\\S+)").matcher(up.output());
      assertThat(example.find()).as(up.output()).isTrue();

      HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(example.group(1)))
          .header("authorization", agent).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      assertThat(json(read).getAsJsonObject("customer").getAsJsonArray("identities").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theDemoCustomersTimelineMergesTheirHistoryNewestFirst() throws Exception {
      Matcher example = Pattern.compile("/v1/(customers/[a-z0-9]+)").matcher(up.output());
      assertThat(example.find()).isTrue();

      HttpResponse<String> response = get("/v1/" + example.group(1) + "/timeline?pageSize=100");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonObject timeline = json(response);
      var events = timeline.getAsJsonArray("events");
      assertThat(events.size()).isPositive();
      assertThat(response.body()).contains("\"profile.created\"");
      for (int i = 1; i < events.size(); i++) {
        String newer = events.get(i - 1).getAsJsonObject().get("occurTime").getAsString();
        String older = events.get(i).getAsJsonObject().get("occurTime").getAsString();
        assertThat(java.time.Instant.parse(newer)).isAfterOrEqualTo(java.time.Instant.parse(older));
      }
    }

    @Test
    void anUnknownCustomerIsAProblemWith404() throws Exception {
      HttpResponse<String> response = get("/v1/customers/nosuchcustomer");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
      JsonObject problem = json(response);
      assertThat(problem.get("status").getAsInt()).isEqualTo(404);
      assertThat(problem.get("reason").getAsString()).isEqualTo("RESOURCE_NOT_FOUND");
      assertThat(problem.get("domain").getAsString()).isEqualTo("profile.cx");
    }

    @Test
    void badInputIsA400ProblemNamingTheFieldNeverA500() throws Exception {
      Map<String, String> bodies = Map.of(
          "{not json", "body",
          "{\"displayName\": \"X\", \"shoeSize\": 44}", "body",
          "{\"identities\": [{\"type\": \"IDENTITY_TYPE_TELEPATHY\", \"value\": \"x\"}]}", "body",
          "{\"identities\": [{\"type\": \"IDENTITY_TYPE_EMAIL\", \"value\": \"{\\\"$ne\\\": null}\"}]}",
          "customer.identities[0].value");
      for (Map.Entry<String, String> body : bodies.entrySet()) {
        HttpResponse<String> response = post("/v1/customers", body.getKey());

        assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
        JsonObject problem = json(response);
        assertThat(problem.getAsJsonArray("violations").get(0).getAsJsonObject().get("field").getAsString())
            .as(body.getKey()).isEqualTo(body.getValue());
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at cx.").doesNotContain("com.google");
      }
    }

    @Test
    void aClientGetsExactlyItsBurstThen429WithRetryAfter() throws Exception {
      String client = "Bearer " + platform.token("agent", "burst-" + UUID.randomUUID());
      for (int i = 0; i < LocalPlatform.RATE_LIMIT_BURST; i++) {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gateway()
            + "/v1/customers/nosuchcustomer")).header("authorization", client).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("request %d", i + 1).isEqualTo(404);
      }

      HttpResponse<String> limited = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gateway()
          + "/v1/customers/nosuchcustomer")).header("authorization", client).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
      assertThat(json(limited).get("reason").getAsString()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void oversizedBodiesAre413AndOversizedHeaders431() throws Exception {
      HttpResponse<String> body = post("/v1/customers", "{\"displayName\": \"" + "x".repeat(300_000) + "\"}");
      assertThat(body.statusCode()).isEqualTo(413);

      HttpResponse<String> header = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/v1/openapi.json"))
          .header("x-padding", "p".repeat(20_000)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(header.statusCode()).isEqualTo(431);
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
      HttpResponse<String> response = get("/v1/openapi.json");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject document = json(response);
      assertThat(document.get("openapi").getAsString()).startsWith("3.");
      assertThat(document.getAsJsonObject("paths").has("/v1/customers/{customer}")).isTrue();
    }

    @Test
    void anUnmappedPathIs404AndAWrongMethodIs405() throws Exception {
      assertThat(get("/v1/nothing-here").statusCode()).isEqualTo(404);
      HttpResponse<String> wrongMethod = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/v1/customers/abc"))
          .header("authorization", agent).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(wrongMethod.statusCode()).isIn(405, 501);
    }
  }

  @Nested
  class LiveTimeline {

    @Test
    void anEventRecordedWhileTheStreamIsOpenArrivesOnItAsItHappens() throws Exception {
      HttpResponse<String> created = post("/v1/customers?requestId=" + UUID.randomUUID(), "{\"displayName\": \"Live Stream\"}");
      String name = json(created).getAsJsonObject("customer").get("name").getAsString();
      // As a browser's EventSource opens it: no headers, the token in the query.
      HttpRequest open = HttpRequest.newBuilder(URI.create(platform.gateway() + "/v1/" + name
          + "/timeline:stream?access_token=" + agent.substring("Bearer ".length()))).build();
      HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(open, HttpResponse.BodyHandlers.ofLines());
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
      java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> stream.body().forEach(lines::add));
      reader.setDaemon(true);
      reader.start();
      try {
        assertThat(nextLineMatching(lines, ":ready", Duration.ofSeconds(20))).isNotNull();

        long recorded = System.nanoTime();
        HttpResponse<String> interaction = post("/v1/" + name + "/interactions", "{\"type\": \"INTERACTION_TYPE_CALL\","
            + " \"channel\": \"CHANNEL_CALL_CENTER\", \"summary\": \"Asked where the parcel is.\","
            + " \"externalId\": \"call-" + UUID.randomUUID() + "\","
            + " \"occurTime\": \"" + java.time.Instant.now() + "\"}");
        assertThat(interaction.statusCode()).as(interaction.body()).isEqualTo(200);

        String data = nextLineMatching(lines, "data:", Duration.ofSeconds(10));
        long millis = (System.nanoTime() - recorded) / 1_000_000;
        System.out.println("timeline stream: the new event arrived " + millis + " ms after the write was acknowledged");
        assertThat(data).as("an event on the stream").isNotNull().contains("interaction.call").contains(name.substring(10));
      } finally {
        stream.body().close();
        reader.interrupt();
      }
    }

    @Test
    void aStreamOfAnotherCustomerIsRefusedLikeAMissingOne() throws Exception {
      String customer = "Bearer " + platform.token("customer", "somebody");
      HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gateway()
          + "/v1/customers/someoneelse/timeline:stream")).header("authorization", customer).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(404);
      assertThat(json(refused).get("reason").getAsString()).isEqualTo("RESOURCE_NOT_FOUND");
      HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gateway()
          + "/v1/customers/someoneelse/timeline:stream")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
    }
  }

  /** The first line starting with the prefix within the time, or null. */
  private static String nextLineMatching(java.util.concurrent.BlockingQueue<String> lines, String prefix, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }

  @Nested
  class WhenAServiceIsDown {

    @Test
    void theTimelineStillAnswersAndNamesTheMissingSourceThenRecovers() throws Exception {
      Matcher example = Pattern.compile("/v1/(customers/[a-z0-9]+)").matcher(up.output());
      assertThat(example.find()).isTrue();
      String timeline = "/v1/" + example.group(1) + "/timeline";
      try {
        assertThat(platform.cx("stop", "returns").exitCode()).isZero();

        HttpResponse<String> partial = get(timeline);

        assertThat(partial.statusCode()).isEqualTo(200);
        assertThat(json(partial).get("partial").getAsBoolean()).isTrue();
        assertThat(json(partial).getAsJsonArray("missingSources").toString()).contains("RETURNS");
        assertThat(json(partial).getAsJsonArray("events").size()).isPositive();
      } finally {
        LocalPlatform.Outcome restarted = platform.cx("restart", "returns");
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
      }
      // Back within seconds: the gateway reconnects as soon as it has seen the service missing.
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      String missing;
      do {
        missing = json(get(timeline)).getAsJsonArray("missingSources").toString();
      } while (missing.contains("RETURNS") && System.nanoTime() < deadline && sleep(200));
      assertThat(missing).doesNotContain("RETURNS");
    }
  }

  @Nested
  class DataSubjectRequests {

    /** Data-subject requests are started and read by an admin (or the customer themselves). */
    private String admin;

    @BeforeEach
    void signInAsAdmin() throws Exception {
      admin = "Bearer " + platform.token("admin", "dpo-it");
    }

    @Test
    void anExportGathersEveryServicesRecordsIntoOneDownloadableDocument() throws Exception {
      Customer customer = customerWithHistory("Xena Export");

      String request = json(post("/v1/" + customer.name() + ":export", "{\"reason\": \"system test\"}", admin))
          .getAsJsonObject("privacyRequest").get("name").getAsString();
      JsonObject done = awaitPrivacyRequest(request, r -> r.get("state").getAsString().endsWith("SUCCEEDED"));
      HttpResponse<String> download = get("/v1/" + request + ":download", admin);

      assertThat(done.getAsJsonArray("receipts")).hasSize(3);
      assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
      JsonObject document = json(download);
      assertThat(document.get("customer").getAsString()).isEqualTo(customer.name());
      assertThat(document.getAsJsonObject("profile").toString()).contains(customer.email());
      assertThat(document.getAsJsonObject("feedback").toString()).contains(customer.complaintText());
      assertThat(document.getAsJsonObject("returns").toString()).contains(customer.orderId());
    }

    @Test
    void anErasureStartedWhileReturnsIsDownFinishesWhenItIsBackAndLeavesOnlyATombstone() throws Exception {
      Customer customer = customerWithHistory("Erik Erased");
      String request;
      try {
        assertThat(platform.cx("stop", "returns").exitCode()).isZero();

        HttpResponse<String> started = post("/v1/" + customer.name() + ":erase", "{\"reason\": \"system test\"}",
            admin);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        request = json(started).getAsJsonObject("privacyRequest").get("name").getAsString();

        JsonObject waiting = awaitPrivacyRequest(request,
            r -> receipt(r, 2).get("state").getAsString().equals("RECEIPT_STATE_RETRYING"));
        assertThat(waiting.get("state").getAsString()).isEqualTo("PRIVACY_REQUEST_STATE_IN_PROGRESS");
        assertThat(receipt(waiting, 0).get("state").getAsString()).isEqualTo("RECEIPT_STATE_DONE");
        assertThat(receipt(waiting, 1).get("state").getAsString()).isEqualTo("RECEIPT_STATE_DONE");
        assertThat(receipt(waiting, 2).get("state").getAsString()).isEqualTo("RECEIPT_STATE_RETRYING");
        assertThat(receipt(waiting, 2).get("lastError").getAsString()).isEqualTo("UNAVAILABLE");
      } finally {
        LocalPlatform.Outcome restarted = platform.cx("restart", "returns");
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
      }

      JsonObject done = awaitPrivacyRequest(request, r -> r.get("state").getAsString().endsWith("SUCCEEDED"));

      for (int service = 0; service < 3; service++) {
        JsonObject receipt = receipt(done, service);
        assertThat(receipt.get("state").getAsString()).isEqualTo("RECEIPT_STATE_DONE");
        assertThat(receipt.has("completeTime")).isTrue();
        assertThat(receipt.getAsJsonArray("dispositions").size()).isPositive();
      }
      assertThat(receipt(done, 2).toString()).as("orders are kept for accounting").contains("accounting");
      assertThat(receipt(done, 2).get("attemptCount").getAsInt()).isGreaterThan(1);

      JsonObject tombstone = json(get("/v1/" + customer.name(), admin)).getAsJsonObject("customer");
      assertThat(tombstone.get("state").getAsString()).isEqualTo("CUSTOMER_STATE_ERASED");
      JsonObject timeline = json(get("/v1/" + customer.name() + "/timeline", admin));
      assertThat(timeline.getAsJsonArray("events")).singleElement()
          .satisfies(e -> assertThat(e.getAsJsonObject().get("kind").getAsString()).isEqualTo("profile.erased"));
      assertThat(timeline.get("partial").getAsBoolean()).isFalse();
      for (String route : List.of("", "/timeline", "/summary", "/complaints", "/orders", "/returns", "/responses",
          "/interactions", "/consentChanges", "/auditEntries")) {
        // Just back, returns-service can still be unreachable for a moment on one of the
        // gateway's connections; clients retry a 503, as the contracts say.
        HttpResponse<String> read = LocalPlatform.sendRetrying(HTTP, request("/v1/" + customer.name() + route, admin),
            status -> status == 503, Duration.ofMillis(2_500));
        assertThat(read.statusCode()).as(route).isEqualTo(200);
        assertThat(read.body()).as(route).doesNotContain(customer.displayName()).doesNotContain(customer.email())
            .doesNotContain(customer.complaintText()).doesNotContain(customer.orderId());
      }
      assertThat(json(post("/v1/" + customer.name() + ":erase", "{}", admin)).getAsJsonObject("privacyRequest")
          .get("name").getAsString()).as("erasing again returns the erasure").isEqualTo(request);
    }

    /** A customer known to all three services: a profile, a complaint and an order. */
    private Customer customerWithHistory(String displayName) throws Exception {
      String unique = UUID.randomUUID().toString().substring(0, 8);
      Customer customer = new Customer("", displayName + " " + unique, "subject." + unique + "@example.org",
          "The parcel " + unique + " was left in the rain", "order-" + unique);
      HttpResponse<String> created = post("/v1/customers?requestId=" + UUID.randomUUID(),
          "{\"displayName\": \"" + customer.displayName() + "\", \"identities\": [{\"type\": \"IDENTITY_TYPE_EMAIL\", "
              + "\"value\": \"" + customer.email() + "\"}]}", admin);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      String name = json(created).getAsJsonObject("customer").get("name").getAsString();
      HttpResponse<String> complaint = post("/v1/" + name + "/complaints?requestId=" + UUID.randomUUID(),
          "{\"channel\": \"CHANNEL_EMAIL\", \"category\": \"COMPLAINT_CATEGORY_DELIVERY\", "
              + "\"severity\": \"COMPLAINT_SEVERITY_LOW\", \"description\": \"" + customer.complaintText() + "\"}",
          admin);
      assertThat(complaint.statusCode()).as(complaint.body()).isEqualTo(200);
      HttpResponse<String> order = post("/v1/" + name + "/orders?orderId=" + customer.orderId(),
          "{\"channel\": \"CHANNEL_WEB\", \"orderTime\": \"2026-01-10T09:30:00Z\", \"lines\": [{\"lineId\": \"1\", "
              + "\"sku\": \"KET-200-SS\", \"productCategory\": \"kitchen\", \"quantity\": 1, "
              + "\"unitPrice\": {\"currencyCode\": \"GBP\", \"minorUnits\": 4999}}]}", admin);
      assertThat(order.statusCode()).as(order.body()).isEqualTo(200);
      return new Customer(name, customer.displayName(), customer.email(), customer.complaintText(), customer.orderId());
    }

    private JsonObject awaitPrivacyRequest(String name, java.util.function.Predicate<JsonObject> until)
        throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      JsonObject request;
      do {
        HttpResponse<String> read = get("/v1/" + name, admin);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        request = json(read).getAsJsonObject("privacyRequest");
      } while (!until.test(request) && System.nanoTime() < deadline && sleep(250));
      assertThat(until.test(request)).as("%s got there in time: %s", name, request).isTrue();
      return request;
    }

    private static JsonObject receipt(JsonObject request, int service) {
      return request.getAsJsonArray("receipts").get(service).getAsJsonObject();
    }
  }

  /** A customer of the data-subject tests and the personal data the platform holds on them. */
  private record Customer(String name, String displayName, String email, String complaintText, String orderId) {
  }

  private static boolean sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return true;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return get(path, agent);
  }

  private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
    return HTTP.send(request(path, authorization), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path, String authorization) {
    return HttpRequest.newBuilder(URI.create(platform.gateway() + path)).timeout(Duration.ofSeconds(10))
        .header("authorization", authorization).build();
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return post(path, body, agent);
  }

  private HttpResponse<String> post(String path, String body, String authorization)
      throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gateway() + path))
        .timeout(Duration.ofSeconds(10))
        .header("authorization", authorization)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }
}
