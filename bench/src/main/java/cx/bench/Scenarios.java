package cx.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import cx.common.v1.Channel;
import cx.feedback.v1.BatchSubmitResponsesRequest;
import cx.feedback.v1.GetScoreSummaryRequest;
import cx.feedback.v1.ListCustomerFeedbackEventsRequest;
import cx.feedback.v1.SurveyType;
import cx.feedback.v1.TrendGranularity;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.IdentifyRequest;
import cx.profile.v1.Identity;
import cx.profile.v1.IdentityType;
import cx.profile.v1.Interaction;
import cx.profile.v1.InteractionType;
import cx.profile.v1.ListCustomerProfileEventsRequest;
import cx.profile.v1.LookupCustomerRequest;
import cx.profile.v1.RecordInteractionRequest;
import cx.returns.v1.ApproveReturnRequest;
import cx.returns.v1.GetReturnRateRequest;
import cx.returns.v1.InspectReturnRequest;
import cx.returns.v1.InspectedLine;
import cx.returns.v1.ItemCondition;
import cx.returns.v1.ListCustomerReturnEventsRequest;
import cx.returns.v1.MarkReturnInTransitRequest;
import cx.returns.v1.ProductReturn;
import cx.returns.v1.ReceiveReturnRequest;
import cx.returns.v1.ReceivedLine;
import cx.returns.v1.RefundReturnRequest;
import cx.returns.v1.ReturnRateDimension;
import cx.returns.v1.ReturnReason;
import cx.runtime.store.EmbeddedMongoServer;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.bson.Document;

/**
 * The scenarios of one bench run, in the order they run: the floors first, then what an agent
 * does, then the write-heavy scenarios that grow the data set.
 */
final class Scenarios {

  /** Settings of one run. */
  record Settings(double timelineRate, Duration duration, Duration warmUp, Duration compilerWarmUp, int surveyWave,
      Path workDirectory, String mongodbUri) {
  }

  private final Platform platform;
  private final DataSet data;
  private final Settings settings;
  private final Usage usage;
  private final PrintStream log;
  private final List<ScenarioResult> results = new ArrayList<>();

  Scenarios(Platform platform, DataSet data, Settings settings, Usage usage, PrintStream log) {
    this.platform = platform;
    this.data = data;
    this.settings = settings;
    this.usage = usage;
    this.log = log;
  }

  List<ScenarioResult> runAll() throws Exception {
    warmUpCompilers();
    floors();
    agentOpensACustomer();
    agentScrolls();
    channelIngest();
    surveyWave();
    returns();
    return results;
  }

  /**
   * Unmeasured: the read paths of every process, as fast as they are answered, for the compiler
   * warm-up time. A JVM compiles the code it runs hot; for the platform's processes that takes
   * a minute or more of traffic, during which the just-in-time compiler takes most of a core of
   * the two here. Measuring before that would measure the compiler (the gateway answered liveness
   * at about 150/s in its first minute and at over 2,000/s after two). Loading the data set has
   * already warmed the write paths of the services, not the gateway.
   */
  private void warmUpCompilers() {
    Duration time = settings.compilerWarmUp();
    if (time.isZero()) {
      return;
    }
    log.printf("Warming up the platform's compilers: reads for %d s, not measured ...%n", time.toSeconds());
    Measurement warm = OpenLoop.closed("compiler warm-up", Integer.MAX_VALUE, 16, time, i -> {
      String id = customer(i);
      return switch (i % 6) {
        case 0 -> platform.get("/v1/customers/" + id + "/timeline?pageSize=20");
        case 1 -> platform.get("/v1/customers/" + id + "/summary");
        case 2 -> platform.get("/v1/customers/" + id);
        case 3 -> platform.get("/actuator/health/liveness");
        case 4 -> Platform.answer(platform.profile().lookupCustomer(LookupCustomerRequest.newBuilder()
            .setType(IdentityType.IDENTITY_TYPE_PHONE).setValue(data.phones.get(index(i))).build()));
        default -> Platform.answer(platform.feedbackAsService().listCustomerFeedbackEvents(
            ListCustomerFeedbackEventsRequest.newBuilder().addCustomerIds(id).setPageSize(20).build()));
      };
    });
    log.printf("  %,d calls, %.0f/s, %d errors%n", warm.calls(), warm.throughput(), warm.errors());
  }

  /** What cannot be avoided: the store's own read by key, one gRPC call to each service, one gateway route. */
  private void floors() throws Exception {
    double rate = settings.timelineRate();
    List<Measurement> steps = new ArrayList<>();
    usage.begin();
    steps.add(clientFloor(rate));
    steps.add(storeFloor(rate));
    steps.add(open("profile gRPC GetCustomer", rate, i -> Platform.answer(platform.profile()
        .getCustomer(GetCustomerRequest.newBuilder().setName("customers/" + customer(i)).build()))));
    steps.add(open("profile gRPC LookupCustomer by phone", rate, i -> Platform.answer(platform.profile()
        .lookupCustomer(LookupCustomerRequest.newBuilder().setType(IdentityType.IDENTITY_TYPE_PHONE)
            .setValue(data.phones.get(index(i))).build()))));
    steps.add(open("profile gRPC timeline source (20 events)", rate, i -> Platform.answer(platform.profileAsService()
        .listCustomerProfileEvents(ListCustomerProfileEventsRequest.newBuilder().addCustomerIds(customer(i))
            .setPageSize(20).build()))));
    steps.add(open("feedback gRPC timeline source (20 events)", rate, i -> Platform.answer(platform.feedbackAsService()
        .listCustomerFeedbackEvents(ListCustomerFeedbackEventsRequest.newBuilder().addCustomerIds(customer(i))
            .setPageSize(20).build()))));
    steps.add(open("returns gRPC timeline source (20 events)", rate, i -> Platform.answer(platform.returnsAsService()
        .listCustomerReturnEvents(ListCustomerReturnEventsRequest.newBuilder().addCustomerIds(customer(i))
            .setPageSize(20).build()))));
    steps.add(open("gateway trivial route (liveness: no token check, no service)", rate,
        i -> platform.get("/actuator/health/liveness")));
    steps.add(open("gateway GET /v1/customers/{id}", rate, i -> platform.get("/v1/customers/" + customer(i))));
    results.add(usage.end("floors", "Floors: the store, each service, the gateway", steps));
  }

  /**
   * The load client's own share: the same HTTP client against a server in this process that
   * answers at once, so a gateway figure can be read against what the client adds itself.
   */
  private Measurement clientFloor(double rate) throws Exception {
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 1_000);
    ExecutorService handlers = Executors.newFixedThreadPool(4);
    byte[] answer = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    server.setExecutor(handlers);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    try {
      java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/floor");
      return open("load client's own floor (HTTP to a server in the bench that answers at once)", rate,
          i -> platform.get(uri, "/floor"));
    } finally {
      server.stop(0);
      handlers.shutdownNow();
    }
  }

  private Measurement storeFloor(double rate) throws Exception {
    ExecutorService readers = Executors.newFixedThreadPool(4);
    boolean embedded = settings.mongodbUri() == null || settings.mongodbUri().isBlank();
    EmbeddedMongoServer server = embedded
        ? EmbeddedMongoServer.onDisk(settings.workDirectory().resolve("floor-store"), "floor") : null;
    try (MongoClient client = MongoClients.create(embedded ? server.connectionString() : settings.mongodbUri())) {
      MongoCollection<Document> profiles = client.getDatabase("cx_bench_floor").getCollection("profiles");
      if (client.getDatabase("cx_bench_floor").listCollectionNames().into(new ArrayList<>()).contains("profiles")) {
        profiles.drop();
      }
      profiles.createIndex(Indexes.ascending("phone"), new IndexOptions().unique(true));
      List<Document> batch = new ArrayList<>();
      for (int i = 0; i < data.customerIds.size(); i++) {
        batch.add(new Document("_id", data.customerIds.get(i)).append("phone", data.phones.get(i))
            .append("displayName", "Customer " + i).append("version", 1L)
            .append("identities", List.of(new Document("type", "EMAIL").append("value", "c" + i + "@example.com"))));
        if (batch.size() == 1_000) {
          profiles.insertMany(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        profiles.insertMany(batch);
      }
      Measurement measured = open("store find by unique key (driver, " + (embedded ? "embedded store" : "MongoDB")
          + ")", rate, i -> CompletableFuture.supplyAsync(() -> {
            Document found = profiles.find(Filters.eq("phone", data.phones.get(index(i)))).first();
            if (found == null) {
              throw new IllegalStateException("the floor's document is missing");
            }
            return found;
          }, readers));
      profiles.drop();
      return measured;
    } finally {
      readers.shutdownNow();
      if (server != null) {
        server.close();
      }
    }
  }

  /** Scenario 1: the agent opens a customer; the headline is the first timeline page at the target rate. */
  private void agentOpensACustomer() {
    double rate = settings.timelineRate();
    List<Measurement> steps = new ArrayList<>();
    usage.begin();
    steps.add(open("gateway timeline, first page of 20", rate,
        i -> timeline("/v1/customers/" + customer(i) + "/timeline?pageSize=20")));
    steps.add(open("gateway timeline, first page of 20, at half the rate", rate / 2,
        i -> timeline("/v1/customers/" + customer(i) + "/timeline?pageSize=20")));
    steps.add(open("gateway summary", rate / 2, i -> platform.get("/v1/customers/" + customer(i) + "/summary")));
    steps.add(open("agent opens a customer: summary and first timeline page together", rate / 2, i -> {
      String id = customer(i);
      return CompletableFuture.allOf(platform.get("/v1/customers/" + id + "/summary"),
          timeline("/v1/customers/" + id + "/timeline?pageSize=20"));
    }));
    results.add(usage.end("open", "Agent opens a customer", steps));
  }

  /** Scenario 2: the agent scrolls five pages further. */
  private void agentScrolls() {
    List<Measurement> steps = new ArrayList<>();
    usage.begin();
    steps.add(open("agent scrolls: five more timeline pages, one after the other", settings.timelineRate() / 10,
        i -> scroll(customer(i), null, 6)));
    results.add(usage.end("scroll", "Agent scrolls", steps));
  }

  private CompletableFuture<String> scroll(String customer, String token, int pagesLeft) {
    String path = "/v1/customers/" + customer + "/timeline?pageSize=20"
        + (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    return timeline(path).thenCompose(body -> {
      JsonObject page = JsonParser.parseString(body).getAsJsonObject();
      String next = page.has("nextPageToken") ? page.get("nextPageToken").getAsString() : "";
      return pagesLeft <= 1 || next.isEmpty() ? CompletableFuture.completedFuture(body)
          : scroll(customer, next, pagesLeft - 1);
    });
  }

  /** A timeline page; one that is partial (a service did not answer in time) counts as an error. */
  private CompletableFuture<String> timeline(String path) {
    return platform.get(path).thenApply(body -> {
      if (JsonParser.parseString(body).getAsJsonObject().get("partial").getAsBoolean()) {
        throw new IllegalStateException("partial timeline: " + body.substring(0, Math.min(300, body.length())));
      }
      return body;
    });
  }

  /** Scenario 3: channels report who they saw and what happened, at rising rates until it breaks. */
  private void channelIngest() {
    List<Measurement> steps = new ArrayList<>();
    usage.begin();
    Measurement best = null;
    int offset = 0;
    for (double rate : new double[] {100, 200, 400, 800, 1_600}) {
      int base = offset;
      Measurement step = open("channel ingest: Identify + RecordInteraction at " + (int) rate + "/s", rate,
          i -> ingest(base + i));
      offset += (int) (rate * (settings.duration().plus(settings.warmUp()).toSeconds() + 1));
      steps.add(step);
      if (!step.clean() || step.p99() > 1_000 || step.throughput() < 0.9 * rate) {
        break;
      }
      best = step;
    }
    ScenarioResult result = usage.end("ingest", "Channel ingest (gRPC)", steps);
    result.findings().add(best == null ? "No rate tried was sustained without errors."
        : String.format("Highest rate sustained without errors, p99 under 1 s: %.0f customers/s (%.0f calls/s).",
            best.throughput(), 2 * best.throughput()));
    results.add(result);
  }

  private CompletableFuture<?> ingest(int i) {
    Random random = new Random(data.seed * 7_919L + i);
    IdentifyRequest identify = IdentifyRequest.newBuilder().setChannel(DataSet.pick(random, DataSet.CHANNELS))
        .setRequestId("bench-" + data.seed + "-ingest-" + i)
        .addIdentities(Identity.newBuilder().setType(IdentityType.IDENTITY_TYPE_EMAIL)
            .setValue("ingest" + i + "@bench.example.com").setVerified(true))
        .addIdentities(Identity.newBuilder().setType(IdentityType.IDENTITY_TYPE_DEVICE_ID)
            .setValue("ingest-device-" + i))
        .build();
    return Platform.answer(platform.profile().identify(identify)).thenCompose(answer -> Platform.answer(
        platform.profile().recordInteraction(RecordInteractionRequest.newBuilder()
            .setParent(answer.getCustomer().getName()).setInteraction(Interaction.newBuilder()
                .setExternalId("bench-" + data.seed + "-ingest-" + i).setChannel(identify.getChannel())
                .setType(InteractionType.INTERACTION_TYPE_WEB_VISIT).setSummary("Visited the shop")
                .setOccurTime(DataSet.timestamp(java.time.Instant.now()))).build())));
  }

  /** How many answers one call of the survey wave carries. */
  static final int WAVE_BATCH = 500;

  /** Scenario 4: a survey wave, then the score summary over everything answered. */
  private void surveyWave() {
    List<Measurement> steps = new ArrayList<>();
    usage.begin();
    String nps = data.surveys.get(0);
    // At most four steps' time: a store that takes answers slowly is measured, not waited out.
    Duration atMost = settings.duration().multipliedBy(4);
    // Answers as survey tools deliver them in bulk: batches, a few at a time.
    int batches = Math.max(1, settings.surveyWave() / WAVE_BATCH);
    steps.add(OpenLoop.closed(String.format("survey wave: up to %,d NPS answers in batches of %d, 4 at a time, in %d s",
        batches * WAVE_BATCH, WAVE_BATCH, atMost.toSeconds()), batches, 4, atMost, b -> {
          BatchSubmitResponsesRequest.Builder batch = BatchSubmitResponsesRequest.newBuilder().setParent("customers/-");
          for (int i = b * WAVE_BATCH; i < (b + 1) * WAVE_BATCH; i++) {
            Random random = new Random(data.seed * 104_729L + i);
            batch.addRequests(data.response("customers/" + customer(i), nps, 0, "wave-" + data.seed + "-" + i, random));
          }
          return Platform.answer(platform.feedback().batchSubmitResponses(batch.build()));
        }));
    // And one answer a call, as a customer's own answer arrives.
    int singles = Math.max(1, settings.surveyWave() / 10);
    steps.add(OpenLoop.closed(String.format("single answers: up to %,d NPS answers one a call, 64 at a time, in %d s",
        singles, atMost.toSeconds()), singles, 64, atMost, i -> {
          Random random = new Random(data.seed * 7_919L + i);
          return Platform.answer(platform.feedback().submitResponse(data.response("customers/" + customer(i), nps, 0,
              "single-" + data.seed + "-" + i, random)));
        }));
    GetScoreSummaryRequest summary = GetScoreSummaryRequest.newBuilder()
        .addSurveyTypes(SurveyType.SURVEY_TYPE_NPS).addSurveyTypes(SurveyType.SURVEY_TYPE_CSAT)
        .addSurveyTypes(SurveyType.SURVEY_TYPE_CES).setGranularity(TrendGranularity.TREND_GRANULARITY_MONTH)
        .setStartDate(date(data.now.minus(Duration.ofDays(365)))).setEndDate(date(data.now)).build();
    steps.add(open("GetScoreSummary: NPS, CSAT and CES, a year by month", 20,
        i -> Platform.answer(platform.feedback().getScoreSummary(summary))));
    GetScoreSummaryRequest web = summary.toBuilder().addChannels(Channel.CHANNEL_WEB)
        .setGranularity(TrendGranularity.TREND_GRANULARITY_WEEK).build();
    steps.add(open("GetScoreSummary: web only, a year by week", 20,
        i -> Platform.answer(platform.feedback().getScoreSummary(web))));
    results.add(usage.end("survey", "Survey wave", steps));
  }

  /** Scenario 5: returns taken from request to refund, then the return-rate analytics. */
  private void returns() {
    List<Measurement> steps = new ArrayList<>();
    usage.begin();
    List<DataSet.OrderRef> orders = data.unreturnedOrders;
    double rate = 10;
    int needed = (int) (rate * (settings.duration().plus(settings.warmUp()).toSeconds() + 2));
    if (orders.size() < needed) {
      log.printf("Only %,d orders without a return: the returns scenario runs at a lower rate.%n", orders.size());
      rate = Math.max(1, orders.size() / (double) (settings.duration().plus(settings.warmUp()).toSeconds() + 2));
    }
    steps.add(open("return lifecycle: create, approve, in transit, receive, inspect, refund (6 calls)", rate,
        i -> lifecycle(orders.get(i % orders.size()), i)));
    GetReturnRateRequest year = GetReturnRateRequest.newBuilder()
        .setStartTime(DataSet.timestamp(data.now.minus(Duration.ofDays(365)))).setEndTime(DataSet.timestamp(data.now.plus(Duration.ofDays(1))))
        .addGroupBy(ReturnRateDimension.RETURN_RATE_DIMENSION_CHANNEL)
        .addGroupBy(ReturnRateDimension.RETURN_RATE_DIMENSION_PRODUCT_CATEGORY)
        .addGroupBy(ReturnRateDimension.RETURN_RATE_DIMENSION_REASON).build();
    steps.add(open("GetReturnRate: a year by channel, category and reason", 20,
        i -> Platform.answer(platform.returns().getReturnRate(year))));
    results.add(usage.end("returns", "Returns", steps));
  }

  private CompletableFuture<?> lifecycle(DataSet.OrderRef order, int i) {
    String requestId = "bench-" + data.seed + "-lifecycle-" + i;
    Function<ProductReturn, String> name = ProductReturn::getName;
    return Platform.answer(platform.returns().createReturn(DataSet.createReturn(order,
            ReturnReason.RETURN_REASON_WRONG_SIZE, requestId)))
        .thenCompose(created -> Platform.answer(platform.returns().approveReturn(ApproveReturnRequest.newBuilder()
            .setName(name.apply(created.getProductReturn())).build())))
        .thenCompose(approved -> Platform.answer(platform.returns().markReturnInTransit(MarkReturnInTransitRequest
            .newBuilder().setName(name.apply(approved.getProductReturn())).setCarrier("DHL")
            .setTrackingNumber("T" + i).build())))
        .thenCompose(moving -> Platform.answer(platform.returns().receiveReturn(ReceiveReturnRequest.newBuilder()
            .setName(name.apply(moving.getProductReturn())).addLines(ReceivedLine.newBuilder().setOrderLineId("1")
                .setReceivedQuantity(1)).build())))
        .thenCompose(received -> Platform.answer(platform.returns().inspectReturn(InspectReturnRequest.newBuilder()
            .setName(name.apply(received.getProductReturn())).addLines(InspectedLine.newBuilder().setOrderLineId("1")
                .setAcceptedQuantity(1).setCondition(ItemCondition.ITEM_CONDITION_UNOPENED)).build())))
        .thenCompose(inspected -> Platform.answer(platform.returns().refundReturn(RefundReturnRequest.newBuilder()
            .setName(name.apply(inspected.getProductReturn())).setPaymentReference("PAY-" + i).build())));
  }

  private Measurement open(String name, double rate, IntFunction<CompletableFuture<?>> call) {
    log.printf("  %s at %.0f/s for %d s ...%n", name, rate, settings.duration().toSeconds());
    Measurement measured = OpenLoop.run(name, rate, settings.warmUp(), settings.duration(), call);
    log.printf("    p50 %.2f ms, p99 %.2f ms, %.0f/s, %d errors%s%n", measured.p50(), measured.p99(),
        measured.throughput(), measured.errors(), measured.errors() > 0 ? " (" + measured.lastError() + ")" : "");
    return measured;
  }

  /** The customer of call {@code i}: spread evenly but not in order over the whole data set. */
  private String customer(int i) {
    return data.customerIds.get(index(i));
  }

  private int index(int i) {
    return (int) Math.floorMod(i * 2_654_435_761L, (long) data.customerIds.size());
  }

  private static com.google.type.Date date(java.time.Instant instant) {
    java.time.LocalDate day = instant.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    return com.google.type.Date.newBuilder().setYear(day.getYear()).setMonth(day.getMonthValue())
        .setDay(day.getDayOfMonth()).build();
  }
}
