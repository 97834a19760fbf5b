package cx.feedback.bench;

import com.google.protobuf.Timestamp;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import cx.common.v1.Channel;
import cx.feedback.FeedbackServiceApplication;
import cx.feedback.v1.BatchSubmitResponsesRequest;
import cx.feedback.v1.CreateSurveyRequest;
import cx.feedback.v1.FeedbackServiceGrpc;
import cx.feedback.v1.GetScoreSummaryRequest;
import cx.feedback.v1.LinkedRecord;
import cx.feedback.v1.LinkedRecordKind;
import cx.feedback.v1.SubmitResponseRequest;
import cx.feedback.v1.Survey;
import cx.feedback.v1.SurveyResponse;
import cx.feedback.v1.SurveyType;
import cx.feedback.v1.Touchpoint;
import cx.feedback.v1.TrendGranularity;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.LoadRun;
import cx.runtime.testing.StoreCalls;
import cx.runtime.testing.TestCallers;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures feedback-service at its gRPC port on the embedded store: response ingest through
 * {@code SubmitResponse}, then {@code GetScoreSummary} (answered from the daily rollups) next to
 * a full-scan aggregation of the same responses measured in the same run. Not a test.
 *
 * <pre>
 * ./mvnw -q -o -pl feedback-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cx.feedback.bench.FeedbackBenchmark -Dexec.args="1000000 1000 4 memory"
 * </pre>
 * Arguments: responses to ingest (1,000,000), summary calls to time (1,000), client threads
 * (4), and the embedded store's backend: {@code memory} (in memory) or {@code file} (the H2 file
 * backend {@code bin/cx up} runs on).
 */
public final class FeedbackBenchmark {

  private static final int SCANS = 5;
  private static final Channel[] CHANNELS = {Channel.CHANNEL_EMAIL, Channel.CHANNEL_WEB, Channel.CHANNEL_SMS,
      Channel.CHANNEL_MOBILE_APP};

  private FeedbackBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int responses = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int summaries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    boolean onFile = args.length > 3 && args[3].equals("file");
    int batchSize = args.length > 4 ? Integer.parseInt(args[4]) : 500;
    String data = onFile ? Files.createTempDirectory("cx-feedback-bench").toString() : "";
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ConfigurableApplicationContext context = new SpringApplication(FeedbackServiceApplication.class).run(
        "--spring.grpc.server.port=" + port, "--server.port=0", "--cx.auth.hmac-key=" + randomKey(), "--cx.store.data-directory=" + data,
        "--cx.store.uri=", "--logging.level.root=WARN");
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    // Calls as an admin, whose token the service verifies on every call as it does in production.
    var stub = TestCallers.admin(FeedbackServiceGrpc.newBlockingStub(channel), context.getBean(CallerTokens.class));
    MongoCollection<Document> stored = context.getBean(MongoDatabase.class).getCollection("responses");
    try {
      System.out.printf(Locale.ROOT, "feedback-service benchmark: %,d responses, %,d summaries, %d client threads, "
          + "embedded store (%s backend), %d cores%n", responses, summaries, threads,
          onFile ? "H2 file" : "in-memory", Runtime.getRuntime().availableProcessors());
      List<Survey> surveys = new ArrayList<>();
      for (SurveyType type : List.of(SurveyType.SURVEY_TYPE_NPS, SurveyType.SURVEY_TYPE_CSAT,
          SurveyType.SURVEY_TYPE_CES)) {
        surveys.add(stub.createSurvey(CreateSurveyRequest.newBuilder().setSurvey(Survey.newBuilder()
            .setDisplayName("Bench " + type).setType(type).setQuestion("How was it?")
            .setTouchpoint(Touchpoint.TOUCHPOINT_AFTER_DELIVERY)
            .setStartTime(Timestamp.newBuilder().setSeconds(Instant.now().minus(Duration.ofDays(400))
                .getEpochSecond()))).build()).getSurvey());
      }
      long now = Instant.now().getEpochSecond();
      // A sample one answer per call, for comparison; then the whole data set in batches.
      int singles = Math.min(responses / 10, 5_000);
      StoreCalls calls = new StoreCalls(context.getBean(MeterRegistry.class));
      LoadRun single = LoadRun.of(singles, threads, i -> stub.withDeadlineAfter(30, TimeUnit.SECONDS)
          .submitResponse(request(surveys, now, responses, -1 - i)));
      report("SubmitResponse (gRPC, one answer a call)", single, singles / single.elapsedSeconds());
      System.out.printf(Locale.ROOT, "    store calls each: %s%n", calls.since(singles));

      int batches = (responses + batchSize - 1) / batchSize;
      calls = new StoreCalls(context.getBean(MeterRegistry.class));
      LoadRun ingest = LoadRun.of(batches, threads, b -> {
        BatchSubmitResponsesRequest.Builder batch = BatchSubmitResponsesRequest.newBuilder().setParent("customers/-");
        for (int i = b * batchSize; i < Math.min(responses, (b + 1) * batchSize); i++) {
          batch.addRequests(request(surveys, now, responses, i));
        }
        stub.withDeadlineAfter(120, TimeUnit.SECONDS).batchSubmitResponses(batch.build());
      });
      double ingestSeconds = ingest.elapsedSeconds();
      report("BatchSubmitResponses (gRPC, " + batchSize + " answers a call)", ingest, responses / ingestSeconds);
      System.out.printf(Locale.ROOT, "    store calls each answer: %s%n", calls.since(responses));

      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      GetScoreSummaryRequest totals = GetScoreSummaryRequest.getDefaultInstance();
      GetScoreSummaryRequest daily = GetScoreSummaryRequest.newBuilder()
          .setGranularity(TrendGranularity.TREND_GRANULARITY_DAY).build();
      GetScoreSummaryRequest year = GetScoreSummaryRequest.newBuilder()
          .setStartDate(protoDate(today.minusDays(364))).setGranularity(TrendGranularity.TREND_GRANULARITY_MONTH)
          .build();
      LoadRun.of(Math.min(100, summaries), 1, i -> stub.getScoreSummary(year));
      LoadRun summary = LoadRun.of(summaries, 1, i -> stub.getScoreSummary(year));
      report("GetScoreSummary, 365 days by month (gRPC)", summary, 0);
      report("GetScoreSummary, 30 days, totals (gRPC)", LoadRun.of(summaries, 1, i -> stub.getScoreSummary(totals)), 0);
      report("GetScoreSummary, 30 days, daily trend (gRPC)", LoadRun.of(summaries, 1, i -> stub.getScoreSummary(daily)), 0);

      Date from = Date.from(today.minusDays(364).atStartOfDay().toInstant(ZoneOffset.UTC));
      Date to = Date.from(today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
      LoadRun scan = LoadRun.of(SCANS, 1, i -> stored.aggregate(List.of(
          Aggregates.match(Filters.and(Filters.gte("respondTime", from), Filters.lt("respondTime", to))),
          Aggregates.group(new Document("type", "$surveyType").append("score", "$score"),
              Accumulators.sum("count", 1)))).into(new ArrayList<>()));
      report("Full-scan aggregation of the same 365 days (driver)", scan, 0);

      System.out.printf(Locale.ROOT, "summary p99 %.2f ms (target < 20 ms); scan p50 / summary p99 = %.0fx "
          + "(target >= 20x); ingest %,.0f responses/s (target >= 5,000/s)%n", summary.percentileNanos(99) / 1e6,
          scan.percentileNanos(50) / summary.percentileNanos(99), responses / ingestSeconds);
    } finally {
      channel.shutdownNow();
      context.close();
    }
  }

  /**
   * Answer {@code i}: surveys, channels and scores spread evenly, respond times over the last
   * year, two answers per customer; negative {@code i} for answers outside the data set.
   */
  private static SubmitResponseRequest request(List<Survey> surveys, long now, int responses, int i) {
    Survey survey = surveys.get(Math.floorMod(i, 3));
    int min = survey.getMinScore();
    int spread = survey.getMaxScore() - min + 1;
    SurveyResponse.Builder answer = SurveyResponse.newBuilder().setSurvey(survey.getName())
        .setTouchpointReference(LinkedRecord.newBuilder().setKind(LinkedRecordKind.LINKED_RECORD_KIND_ORDER)
            .setId("o-" + i))
        .setChannel(CHANNELS[Math.floorMod(i / 3, CHANNELS.length)])
        .setRespondTime(Timestamp.newBuilder().setSeconds(now - mix(i) % (364L * 24 * 3600)));
    if (i % 17 != 0) {
      answer.setScore(min + (int) (mix(i * 31L) % spread));
    }
    return SubmitResponseRequest.newBuilder().setParent("customers/bench-" + (i < 0 ? "s" + -i : i / 2))
        .setSurveyResponse(answer).build();
  }

  private static com.google.type.Date protoDate(LocalDate day) {
    return com.google.type.Date.newBuilder().setYear(day.getYear()).setMonth(day.getMonthValue())
        .setDay(day.getDayOfMonth()).build();
  }

  /** A cheap deterministic scramble, so that scores and times look random but repeat per run. */
  private static long mix(long i) {
    long x = i * 0x9E3779B97F4A7C15L;
    x ^= x >>> 31;
    return Math.abs(x * 0xBF58476D1CE4E5B9L >>> 1);
  }

  private static void report(String what, LoadRun run, double throughput) {
    System.out.printf(Locale.ROOT, "%-52s %s  p50 %8.2f ms   p99 %8.2f ms   max %8.2f ms   (%,d calls, %.1f s)%n",
        what, throughput > 0 ? String.format(Locale.ROOT, "%,9.0f/s", throughput) : "          ",
        run.percentileNanos(50) / 1e6, run.percentileNanos(99) / 1e6, run.maxNanos() / 1e6,
        run.latencies().length, run.elapsedSeconds());
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }
}
