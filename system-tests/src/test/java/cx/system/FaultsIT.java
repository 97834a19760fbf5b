package cx.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real faults on the running platform: a service made slow by a proxy that holds its answers, a
 * service killed with {@code kill -9} while a write is in flight or while writers are busy, and
 * every process restarted in turn under load. Clients retry as the contracts tell them to: with
 * the same request id, on UNAVAILABLE (503) and DEADLINE_EXCEEDED (504).
 *
 * <p>feedback-service and returns-service are reached, by every process, through a
 * {@link FaultProxy}; profile-service directly. A service down altogether, with the timeline
 * answering without it, is {@code PlatformIT.WhenAServiceIsDown}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

  /** The gateway's deadline for each call to a service, short so that the slow-service tests are quick. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  /** How long the timeline waits for each source (the gateway's default). */
  private static final Duration SOURCE_TIMEOUT = Duration.ofMillis(1500);
  /** How much later than its deadline the gateway may answer. */
  private static final Duration ANSWER_SLACK = Duration.ofMillis(100);

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private LocalPlatform platform;
  private FaultProxy feedbackProxy;
  private FaultProxy returnsProxy;
  private String writer;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicBoolean threadsDumped = new AtomicBoolean();

  @BeforeAll
  void startThePlatformWithProxiesInFrontOfFeedbackAndReturns() throws Exception {
    platform = new LocalPlatform(Files.createTempDirectory("cx-faults-it"), Map.of(
        // Writers send hundreds of requests with one token: a rate limit that never gets in the way.
        "CX_RATE_LIMIT_PER_SECOND", "100000", "CX_RATE_LIMIT_BURST", "100000",
        "CX_CALL_TIMEOUT", CALL_TIMEOUT.toMillis() + "ms",
        "CX_TIMELINE_SOURCE_TIMEOUT", SOURCE_TIMEOUT.toMillis() + "ms"));
    feedbackProxy = new FaultProxy("feedback", platform.port("FEEDBACK_GRPC_PORT"));
    returnsProxy = new FaultProxy("returns", platform.port("RETURNS_GRPC_PORT"));
    platform.with("CX_FEEDBACK_TARGET", feedbackProxy.target()).with("CX_RETURNS_TARGET", returnsProxy.target());
    LocalPlatform.Outcome up = platform.cx("up");
    if (up.exitCode() != 0) {
      printLogs();
    }
    assertThat(up.exitCode()).as(up.output()).isZero();
    // Orders are recorded by the commerce integration, which calls as an admin.
    writer = "Bearer " + platform.token("admin", "faults-it");
  }

  @AfterAll
  void stopThePlatform() throws Exception {
    try {
      if (platform != null) {
        platform.downAndAwaitExit();
      }
    } finally {
      if (feedbackProxy != null) {
        feedbackProxy.close();
      }
      if (returnsProxy != null) {
        returnsProxy.close();
      }
    }
  }

  @Test
  @Order(1)
  void aServiceSlowerThanTheDeadlineGetsA504WithinTheDeadlineAndItsCallCancelled() throws Exception {
    String customer = createCustomer("Slow Reader " + run);
    String order = recordOrder(customer, "slow-" + UUID.randomUUID());
    assertThat(retryUntilAnswered(read("/v1/" + order), Duration.ofSeconds(30)).statusCode())
        .as("the order reads back before the fault").isEqualTo(200);

    returnsProxy.delayAnswers(CALL_TIMEOUT.plusSeconds(3));
    try {
      for (int attempt = 1; attempt <= 3; attempt++) {
        int resetsBefore = returnsProxy.resets().size();
        long sent = System.nanoTime();
        HttpResponse<String> slow = get("/v1/" + order);
        long answeredMillis = (System.nanoTime() - sent) / 1_000_000;

        assertThat(slow.statusCode()).as("attempt %d: %s", attempt, slow.body()).isEqualTo(504);
        assertThat(json(slow).get("reason").getAsString()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(answeredMillis).as("attempt %d: ms from sending to the 504", attempt)
            .isBetween(CALL_TIMEOUT.toMillis() - 50, CALL_TIMEOUT.plus(ANSWER_SLACK).toMillis());
        List<FaultProxy.Reset> cancels = returnsProxy.resets().subList(resetsBefore, returnsProxy.resets().size())
            .stream().filter(reset -> reset.errorCode() == FaultProxy.CANCEL).toList();
        assertThat(cancels).as("attempt %d: the gateway's RST_STREAM(CANCEL) to returns-service", attempt)
            .hasSize(1);
        long cancelledMillis = (cancels.get(0).nanoTime() - sent) / 1_000_000;
        assertThat(cancelledMillis).as("attempt %d: ms from sending to the cancellation", attempt)
            .isLessThanOrEqualTo(CALL_TIMEOUT.plus(ANSWER_SLACK).toMillis());
        System.out.printf("slow returns-service, attempt %d: 504 after %d ms, call cancelled after %d ms"
            + " (deadline %d ms)%n", attempt, answeredMillis, cancelledMillis, CALL_TIMEOUT.toMillis());
      }
    } finally {
      returnsProxy.release();
    }
    assertThat(retryUntilAnswered(read("/v1/" + order), Duration.ofSeconds(30)).statusCode())
        .as("the order reads back once the service is quick again").isEqualTo(200);
  }

  @Test
  @Order(2)
  void aSlowServiceLeavesTheTimelinePartialInsteadOfLate() throws Exception {
    String customer = createCustomer("Slow Timeline " + run);
    recordOrder(customer, "timeline-" + UUID.randomUUID());
    // Whole before the fault: every source answers in time (a first read may find one cold).
    awaitTrue(() -> {
      HttpResponse<String> whole = quietly(() -> get("/v1/" + customer + "/timeline"));
      return whole.statusCode() == 200 && !json(whole).get("partial").getAsBoolean();
    }, Duration.ofSeconds(30), "a whole timeline before the fault");

    returnsProxy.delayAnswers(CALL_TIMEOUT.plusSeconds(3));
    HttpResponse<String> timeline;
    long answeredMillis;
    try {
      long sent = System.nanoTime();
      timeline = get("/v1/" + customer + "/timeline");
      answeredMillis = (System.nanoTime() - sent) / 1_000_000;
    } finally {
      returnsProxy.release();
    }

    assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
    assertThat(json(timeline).get("partial").getAsBoolean()).as(timeline.body()).isTrue();
    assertThat(json(timeline).getAsJsonArray("missingSources").toString()).isEqualTo("[\"RETURNS\"]");
    assertThat(timeline.body()).as("the profile's own events are there").contains("\"profile.created\"");
    // The profile is read first, then the three sources at once, each with its own time limit.
    assertThat(answeredMillis).as("ms to the partial timeline").isLessThan(CALL_TIMEOUT.toMillis());
    System.out.printf("slow returns-service: the timeline answered partial after %d ms (source limit %d ms)%n",
        answeredMillis, SOURCE_TIMEOUT.toMillis());
  }

  @Test
  @Order(3)
  void aServiceKilledWithItsAnswerInFlightAndARetryWithTheSameRequestIdMakeExactlyOneComplaint() throws Exception {
    String customer = createCustomer("Killed Answer " + run);
    String requestId = UUID.randomUUID().toString();
    String body = complaintBody("The parcel " + requestId.substring(0, 8) + " never came");
    long feedbackPid = platform.pids().get("feedback");

    feedbackProxy.holdAnswers();
    CompletableFuture<HttpResponse<String>> filing;
    try {
      filing = HTTP.sendAsync(post("/v1/" + customer + "/complaints?requestId=" + requestId, body),
          HttpResponse.BodyHandlers.ofString());
      awaitTrue(() -> feedbackProxy.bytesHeld() > 0, Duration.ofSeconds(10),
          "feedback-service answered the complaint (the proxy holds the answer)");
      LocalPlatform.Outcome killed = platform.cx("kill", "feedback");
      assertThat(killed.exitCode()).as(killed.output()).isZero();
      assertThat(LocalPlatform.alive(feedbackPid)).as("feedback-service after kill -9").isFalse();

      HttpResponse<String> lost = filing.get(CALL_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      assertThat(lost.statusCode()).as("the client never saw the answer: %s", lost.body()).isEqualTo(503);
    } finally {
      feedbackProxy.release();
    }
    restart("feedback");

    HttpResponse<String> retried = retryUntilAnswered(post("/v1/" + customer + "/complaints?requestId=" + requestId,
        body), Duration.ofSeconds(30));

    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    String complaint = json(retried).getAsJsonObject("complaint").get("name").getAsString();
    JsonArray complaints = json(get("/v1/" + customer + "/complaints")).getAsJsonArray("complaints");
    assertThat(names(complaints)).as("the customer's complaints after the kill and the retry")
        .containsExactly(complaint);
  }

  @Test
  @Order(4)
  void everyWriteAcknowledgedBeforeAKillDashNineIsThereAfterTheRestart() throws Exception {
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger serial = new AtomicInteger();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      writers.add(started("kill-nine-writer-" + w, () -> {
        while (!stop.get()) {
          String displayName = "Kill Nine " + run + " " + serial.incrementAndGet();
          inFlight.incrementAndGet();
          try {
            HttpResponse<String> created = HTTP.send(post("/v1/customers?requestId=" + UUID.randomUUID(),
                "{\"displayName\": \"" + displayName + "\"}"), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() == 200) {
              acknowledged.put(json(created).getAsJsonObject("customer").get("name").getAsString(), displayName);
            } else {
              refused.incrementAndGet();
              Thread.sleep(100);
            }
          } catch (IOException e) {
            refused.incrementAndGet();
          } catch (InterruptedException e) {
            return;
          } finally {
            inFlight.decrementAndGet();
          }
        }
      }));
    }
    int beforeKill;
    int inFlightAtKill;
    try {
      awaitTrue(() -> acknowledged.size() >= 30, Duration.ofSeconds(60), "30 customers created before the kill");
      inFlightAtKill = inFlight.get();
      beforeKill = acknowledged.size();
      LocalPlatform.Outcome killed = platform.cx("kill", "profile");
      assertThat(killed.exitCode()).as(killed.output()).isZero();
      Thread.sleep(500);
      restart("profile");
      awaitTrue(() -> acknowledged.size() >= beforeKill + 10, Duration.ofSeconds(60),
          "10 more customers created after the restart");
    } finally {
      stop.set(true);
      for (Thread thread : writers) {
        thread.join(15_000);
      }
    }

    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> written : acknowledged.entrySet()) {
      HttpResponse<String> read = get("/v1/" + written.getKey());
      if (read.statusCode() != 200
          || !written.getValue().equals(json(read).getAsJsonObject("customer").get("displayName").getAsString())) {
        missing.add(written.getKey() + " (" + read.statusCode() + ")");
      }
    }
    System.out.printf("kill -9 of profile-service under write load: %d writes acknowledged before the kill, "
        + "%d in flight at the kill, %d refused while it was down, %d acknowledged in all, %d missing after%n",
        beforeKill, inFlightAtKill, refused.get(), acknowledged.size(), missing.size());
    assertThat(missing).as("acknowledged customers that cannot be read after kill -9 and restart").isEmpty();
  }

  @Test
  @Order(5)
  void restartingEveryProcessInTurnUnderLoadLosesNoAcknowledgedWriteAndDuplicatesNone() throws Exception {
    String prefix = "Restart Load " + run;
    ConcurrentLinkedQueue<Unit> done = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    AtomicInteger retries = new AtomicInteger();
    AtomicInteger serial = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      writers.add(started("restart-writer-" + w, () -> {
        while (!stop.get()) {
          try {
            done.add(writeUnit(prefix + " " + serial.incrementAndGet(), retries));
            Thread.sleep(300);
          } catch (UnitFailed e) {
            errors.add(e.getMessage());
          } catch (InterruptedException e) {
            return;
          }
        }
      }));
    }
    List<String> restarted = new ArrayList<>();
    try {
      awaitTrue(() -> done.size() >= 5, Duration.ofSeconds(60), "5 units written before the first restart");
      for (String process : List.of("profile", "feedback", "returns", "gateway")) {
        int before = done.size();
        long started = System.nanoTime();
        restart(process);
        restarted.add(process + " " + (System.nanoTime() - started) / 1_000_000 + " ms");
        awaitTrue(() -> done.size() >= before + 3, Duration.ofSeconds(60),
            "3 more units written after restarting " + process);
      }
    } finally {
      stop.set(true);
      for (Thread thread : writers) {
        thread.join(120_000);
      }
    }

    assertThat(errors).as("writes that failed other than with UNAVAILABLE or DEADLINE_EXCEEDED").isEmpty();
    Set<String> customers = done.stream().map(Unit::customer).collect(Collectors.toCollection(TreeSet::new));
    assertThat(customers).as("one customer per unit").hasSize(done.size());
    HttpResponse<String> search = get("/v1/customers:search?namePrefix=" + prefix.replace(" ", "%20")
        + "&pageSize=1000");
    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    assertThat(names(json(search).getAsJsonArray("customers"))).as("customers named " + prefix)
        .containsExactlyInAnyOrderElementsOf(customers);
    List<String> wrong = new ArrayList<>();
    for (Unit unit : done) {
      List<String> complaints = names(json(get("/v1/" + unit.customer() + "/complaints")).getAsJsonArray("complaints"));
      List<String> orders = names(json(get("/v1/" + unit.customer() + "/orders")).getAsJsonArray("orders"));
      if (!complaints.equals(List.of(unit.complaint())) || !orders.equals(List.of(unit.order()))) {
        wrong.add(unit + ": complaints " + complaints + ", orders " + orders);
      }
    }
    System.out.printf("restarts under load (%s): %d units of customer + complaint + order acknowledged, "
        + "%d retries with the same request id, %d lost or duplicated%n",
        String.join(", ", restarted), done.size(), retries.get(), wrong.size());
    assertThat(wrong).as("units whose complaint or order is missing or duplicated").isEmpty();
  }

  /** One writer's unit of work: a customer, a complaint of theirs and an order of theirs. */
  private record Unit(String customer, String complaint, String order) {
  }

  /** A write that failed in a way a retry cannot mend. */
  private static final class UnitFailed extends Exception {
    UnitFailed(String message) {
      super(message);
    }
  }

  private Unit writeUnit(String displayName, AtomicInteger retries) throws UnitFailed, InterruptedException {
    String customer = acknowledged(post("/v1/customers?requestId=" + UUID.randomUUID(),
        "{\"displayName\": \"" + displayName + "\"}"), retries).getAsJsonObject("customer").get("name").getAsString();
    String complaint = acknowledged(post("/v1/" + customer + "/complaints?requestId=" + UUID.randomUUID(),
        complaintBody("Unit " + displayName)), retries).getAsJsonObject("complaint").get("name").getAsString();
    String order = acknowledged(post("/v1/" + customer + "/orders?orderId=" + UUID.randomUUID(), orderBody()),
        retries).getAsJsonObject("order").get("name").getAsString();
    return new Unit(customer, complaint, order);
  }

  /** Sends the same request until it is answered 200, as a client of the contracts would. */
  private JsonObject acknowledged(HttpRequest request, AtomicInteger retries) throws UnitFailed, InterruptedException {
    long started = System.nanoTime();
    long deadline = started + Duration.ofSeconds(90).toNanos();
    boolean dumped = false;
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!dumped && System.nanoTime() - started > Duration.ofSeconds(30).toNanos()) {
        // Whatever keeps a write from being answered this long, the processes' threads show it.
        dumped = true;
        dumpThreads(request.uri().getPath() + " unanswered for 30 s");
      }
      try {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return json(response);
        }
        if (response.statusCode() != 503 && response.statusCode() != 504) {
          throw new UnitFailed(request.uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        // The gateway is restarting: the connection is refused or dropped.
        last = e.toString();
      }
      retries.incrementAndGet();
      Thread.sleep(200);
    }
    throw new UnitFailed(request.uri().getPath() + " was not answered within 90 s; last: " + last);
  }

  private HttpResponse<String> retryUntilAnswered(HttpRequest request, Duration within) throws Exception {
    return LocalPlatform.sendRetrying(HTTP, request, status -> status == 503 || status == 504, within);
  }

  /** Prints every platform process's threads (jcmd Thread.print), at most once a test run. */
  private void dumpThreads(String why) {
    if (!threadsDumped.compareAndSet(false, true)) {
      return;
    }
    try {
      for (Map.Entry<String, Long> process : platform.pids().entrySet()) {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            Long.toString(process.getValue()), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        System.out.println("---- " + why + ": threads of " + process.getKey() + " ----\n" + dump);
      }
    } catch (IOException e) {
      System.out.println("no thread dump: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A call whose checked failure the caller does not expect, as unchecked. */
  private interface Call<T> {
    T call() throws Exception;
  }

  private static <T> T quietly(Call<T> call) {
    try {
      return call.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void restart(String process) throws Exception {
    LocalPlatform.Outcome restarted = platform.cx("restart", process);
    if (restarted.exitCode() != 0) {
      System.err.println("---- " + process + " log ----\n" + platform.log(process));
    }
    assertThat(restarted.exitCode()).as("bin/cx restart %s: %s", process, restarted.output()).isZero();
  }

  /** Creates a customer, retrying with the same request id while the platform is slow or restarting. */
  private String createCustomer(String displayName) throws Exception {
    HttpResponse<String> created = retryUntilAnswered(post("/v1/customers?requestId=" + UUID.randomUUID(),
        "{\"displayName\": \"" + displayName + "\"}"), Duration.ofSeconds(30));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return json(created).getAsJsonObject("customer").get("name").getAsString();
  }

  private String recordOrder(String customer, String orderId) throws Exception {
    HttpResponse<String> recorded = retryUntilAnswered(post("/v1/" + customer + "/orders?orderId=" + orderId,
        orderBody()), Duration.ofSeconds(30));
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
    return json(recorded).getAsJsonObject("order").get("name").getAsString();
  }

  private static String complaintBody(String description) {
    return "{\"channel\": \"CHANNEL_EMAIL\", \"category\": \"COMPLAINT_CATEGORY_DELIVERY\", "
        + "\"severity\": \"COMPLAINT_SEVERITY_LOW\", \"description\": \"" + description + "\"}";
  }

  private static String orderBody() {
    return "{\"channel\": \"CHANNEL_WEB\", \"orderTime\": \"" + Instant.now().minus(Duration.ofDays(1))
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\", \"lines\": [{\"lineId\": \"1\", "
        + "\"sku\": \"KET-200-SS\", \"productCategory\": \"kitchen\", \"quantity\": 1, "
        + "\"unitPrice\": {\"currencyCode\": \"GBP\", \"minorUnits\": 4999}}]}";
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(read(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest read(String path) {
    return HttpRequest.newBuilder(URI.create(platform.gateway() + path)).timeout(Duration.ofSeconds(10))
        .header("authorization", writer).build();
  }

  private HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(platform.gateway() + path))
        .timeout(Duration.ofSeconds(10))
        .header("authorization", writer)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static List<String> names(JsonArray resources) {
    List<String> names = new ArrayList<>();
    if (resources != null) {
      for (JsonElement resource : resources) {
        names.add(resource.getAsJsonObject().get("name").getAsString());
      }
    }
    return names;
  }

  private static void awaitTrue(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("%s within %s", what, within).isTrue();
  }

  private static Thread started(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.start();
    return thread;
  }

  private void printLogs() throws IOException {
    for (String process : List.of("profile", "feedback", "returns", "gateway")) {
      System.err.println("---- " + process + " log ----\n" + platform.log(process));
    }
  }

  private static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }
}
