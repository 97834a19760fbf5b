package cx.system.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak run behind {@code bin/cx soak}: steady, mixed REST traffic through the gateway for a
 * number of minutes, with each process's resident memory sampled from {@code /proc} as it goes.
 *
 * <p>Traffic is open-loop: request {@code i} is due at {@code start + i / rate} whatever happened
 * to the ones before, and its latency is measured from that due time, so a stall shows as the
 * latency every request it held up would have seen (no coordinated omission). It prints, per
 * minute, the requests, errors, latency p50/p99/max and each process's RSS, then a verdict: no
 * errors, and no process whose RSS still rises after warm-up (the least-squares slope of the
 * second half of the run within a tolerance).
 *
 * <p>It uses nothing but the JDK, so {@code bin/cx} runs it straight from this source file:
 * {@code java Soak.java --gateway URL --run-dir DIR [--minutes N] [--rate R]}, with bearer tokens
 * (admin role, comma-separated) in {@code CX_SOAK_TOKENS}.
 */
public final class Soak {

  private Soak() {
  }

  public static void main(String[] args) throws Exception {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    List<String> tokens = Arrays.stream(System.getenv().getOrDefault("CX_SOAK_TOKENS", "").split(","))
        .filter(token -> !token.isBlank()).toList();
    if (tokens.isEmpty()) {
      System.err.println("Set CX_SOAK_TOKENS to one or more admin bearer tokens (bin/cx soak does).");
      System.exit(2);
    }
    boolean passed;
    try {
      passed = new Run(settings, tokens).execute();
    } catch (IOException e) {
      System.err.println("The soak could not prepare its data: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(passed ? 0 : 1);
  }

  /** What to run: where, how long, how fast, and what counts as memory growth. */
  record Settings(String gateway, Path runDir, double minutes, double rate, Duration sampleEvery,
      double rssToleranceMbPerMinute, Duration warmUp) {

    static Settings parse(String[] args) {
      Map<String, String> given = new LinkedHashMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        given.put(args[i], args[i + 1]);
      }
      if (!given.containsKey("--gateway") || !given.containsKey("--run-dir") || args.length % 2 != 0) {
        throw new IllegalArgumentException("usage: Soak --gateway URL --run-dir DIR [--minutes N] [--rate R]"
            + " [--sample-seconds S] [--rss-tolerance MB_PER_MINUTE] [--warm-up-seconds S]");
      }
      Settings settings = new Settings(given.get("--gateway"), Path.of(given.get("--run-dir")),
          Double.parseDouble(given.getOrDefault("--minutes", "10")),
          Double.parseDouble(given.getOrDefault("--rate", "20")),
          Duration.ofMillis((long) (1000 * Double.parseDouble(given.getOrDefault("--sample-seconds", "5")))),
          Double.parseDouble(given.getOrDefault("--rss-tolerance", "2")),
          Duration.ofSeconds(Long.parseLong(given.getOrDefault("--warm-up-seconds", "30"))));
      if (settings.minutes() <= 0 || settings.rate() <= 0 || settings.rate() > 2000) {
        throw new IllegalArgumentException("--minutes must be positive and --rate between 0 and 2000");
      }
      return settings;
    }
  }

  /** The kinds of request sent, with their share of the traffic in percent. */
  enum Kind {
    CREATE_CUSTOMER(15), RECORD_INTERACTION(20), SUBMIT_RESPONSE(10), FILE_COMPLAINT(10), RECORD_ORDER(10),
    CREATE_RETURN(5), READ_TIMELINE(20), READ_SUMMARY(10);

    final int percent;

    Kind(int percent) {
      this.percent = percent;
    }

    static Kind pick(int roll) {
      int sum = 0;
      for (Kind kind : values()) {
        sum += kind.percent;
        if (roll < sum) {
          return kind;
        }
      }
      return READ_TIMELINE;
    }
  }

  /** The requests and their outcomes in one minute of the run (by due time). */
  static final class Minute {
    private final List<Long> micros = new ArrayList<>();
    private final Map<String, Integer> errors = new TreeMap<>();
    private final Map<String, Long> rssKb = new TreeMap<>();

    synchronized void answered(long latencyMicros) {
      micros.add(latencyMicros);
    }

    synchronized void failed(long latencyMicros, String what) {
      micros.add(latencyMicros);
      errors.merge(what, 1, Integer::sum);
    }

    synchronized void rss(String process, long kb) {
      rssKb.put(process, kb);
    }

    synchronized int requests() {
      return micros.size();
    }

    synchronized int errorCount() {
      return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized Map<String, Integer> errors() {
      return new TreeMap<>(errors);
    }

    synchronized Map<String, Long> rssKb() {
      return new TreeMap<>(rssKb);
    }

    synchronized double percentileMillis(double percentile) {
      return Latencies.percentile(micros, percentile) / 1000.0;
    }
  }

  /** Percentiles of recorded latencies. */
  static final class Latencies {
    private Latencies() {
    }

    /** The nearest-rank percentile (0 to 100) of the values, or 0 when there are none. */
    static long percentile(List<Long> values, double percentile) {
      if (values.isEmpty()) {
        return 0;
      }
      long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
      int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
  }

  /** One RSS sample of one process: seconds since the start, and kilobytes. */
  record Sample(double seconds, long kb) {
  }

  /** Whether memory still rises: the least-squares slope of samples, in MB per minute. */
  static final class Trend {
    private Trend() {
    }

    /** The slope of the samples' RSS over time in MB per minute, or 0 with fewer than two samples. */
    static double mbPerMinute(List<Sample> samples) {
      int n = samples.size();
      if (n < 2) {
        return 0;
      }
      double meanX = samples.stream().mapToDouble(Sample::seconds).average().orElse(0);
      double meanY = samples.stream().mapToDouble(s -> s.kb() / 1024.0).average().orElse(0);
      double covariance = 0;
      double variance = 0;
      for (Sample sample : samples) {
        double dx = sample.seconds() - meanX;
        covariance += dx * (sample.kb() / 1024.0 - meanY);
        variance += dx * dx;
      }
      return variance == 0 ? 0 : covariance / variance * 60;
    }

    /** The samples taken at or after {@code fromSeconds}: the run after its warm-up. */
    static List<Sample> after(List<Sample> samples, double fromSeconds) {
      return samples.stream().filter(sample -> sample.seconds() >= fromSeconds).toList();
    }
  }

  /** One soak run. */
  static final class Run {
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

    private final Settings settings;
    private final List<String> tokens;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong serial = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<String> customers = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> returnableOrders = new ConcurrentLinkedQueue<>();
    private final Map<String, List<Sample>> rss = new TreeMap<>();
    private final Map<String, Long> pids = new TreeMap<>();
    private final List<String> restarts = new CopyOnWriteArrayList<>();
    private Minute[] minutes;
    private String survey;
    private long startNanos;

    Run(Settings settings, List<String> tokens) {
      this.settings = settings;
      this.tokens = tokens;
    }

    boolean execute() throws Exception {
      int minuteCount = (int) Math.ceil(settings.minutes());
      minutes = new Minute[minuteCount];
      Arrays.setAll(minutes, i -> new Minute());
      prepare();
      long total = Math.round(settings.minutes() * 60 * settings.rate());
      long periodNanos = Math.round(1e9 / settings.rate());
      System.out.printf(Locale.ROOT, "Soak: %.0f requests/s for %s min against %s (%d requests; mix %s)%n",
          settings.rate(), trim(settings.minutes()), settings.gateway(), total, mix());
      warmUp(periodNanos);
      System.out.println("minute  requests  errors   p50 ms   p99 ms   max ms   RSS MB " + String.join(" / ", processes()));

      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("soak-rss"));
      startNanos = System.nanoTime();
      sampler.scheduleAtFixedRate(this::sampleRss, 0, settings.sampleEvery().toMillis(), TimeUnit.MILLISECONDS);
      int printed = 0;
      for (long i = 0; i < total; i++) {
        long due = startNanos + i * periodNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        send(due, minutes[(int) Math.min(minutes.length - 1, i * periodNanos / 60_000_000_000L)]);
        int minute = (int) ((System.nanoTime() - startNanos) / 60_000_000_000L);
        // A minute's line once the next is two seconds old: its requests have been answered by then.
        if (minute > printed && System.nanoTime() - startNanos > minute * 60_000_000_000L + 2_000_000_000L) {
          printMinute(printed++);
        }
      }
      drain();
      sampler.shutdownNow();
      while (printed < minuteCount) {
        printMinute(printed++);
      }
      return verdict();
    }

    /**
     * The same traffic for a while before the measured run, so that the measured minutes see
     * the platform as it serves once its code is compiled and its caches are full, not as it
     * starts. Reported on a line of its own; it does not count towards the verdict.
     */
    private void warmUp(long periodNanos) throws InterruptedException {
      long count = settings.warmUp().toNanos() / periodNanos;
      if (count == 0) {
        return;
      }
      Minute warmUp = new Minute();
      long start = System.nanoTime();
      for (long i = 0; i < count; i++) {
        long due = start + i * periodNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        send(due, warmUp);
      }
      drain();
      System.out.printf(Locale.ROOT, "warm-up (%d s, not counted): %d requests, %d errors, p50 %.1f ms, p99 %.1f ms,"
          + " max %.1f ms%n", settings.warmUp().toSeconds(), warmUp.requests(), warmUp.errorCount(),
          warmUp.percentileMillis(50), warmUp.percentileMillis(99), warmUp.percentileMillis(100));
      warmUp.errors().forEach((what, n) -> System.out.printf("          %d x %s%n", n, what));
    }

    /** Waits (at most 35 s, just over a request's time limit) until every request sent is answered. */
    private void drain() throws InterruptedException {
      long until = System.nanoTime() + Duration.ofSeconds(35).toNanos();
      while (inFlight.get() > 0 && System.nanoTime() < until) {
        Thread.sleep(50);
      }
    }

    /** A survey to answer and a few customers to start with; not part of the measured traffic. */
    private void prepare() throws IOException, InterruptedException {
      String start = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();
      survey = nameIn(call("POST", "/v1/surveys?requestId=soak-survey-" + run, "{\"displayName\": \"Soak NPS " + run
          + "\", \"type\": \"SURVEY_TYPE_NPS\", \"touchpoint\": \"TOUCHPOINT_AFTER_DELIVERY\", \"question\": "
          + "\"How likely are you to recommend us?\", \"channels\": [\"CHANNEL_WEB\", \"CHANNEL_EMAIL\"], "
          + "\"startTime\": \"" + start + "\"}"));
      for (int i = 0; i < 10; i++) {
        HttpRequest create = request(Kind.CREATE_CUSTOMER);
        customers.add(nameIn(call(create)));
      }
    }

    private void send(long dueNanos, Minute minute) {
      Kind kind = Kind.pick(ThreadLocalRandom.current().nextInt(100));
      if (kind == Kind.CREATE_RETURN && returnableOrders.isEmpty()) {
        kind = Kind.RECORD_ORDER;
      }
      HttpRequest request = request(kind);
      Kind sent = kind;
      if (inFlight.incrementAndGet() > 5_000) {
        inFlight.decrementAndGet();
        minute.failed(0, "not sent: 5,000 requests already waiting");
        return;
      }
      http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
        inFlight.decrementAndGet();
        long micros = (System.nanoTime() - dueNanos) / 1_000;
        if (failure != null) {
          minute.failed(micros, sent + " " + failure.getClass().getSimpleName());
        } else if (response.statusCode() != 200) {
          minute.failed(micros, sent + " " + response.statusCode() + " " + reasonIn(response.body()));
        } else {
          minute.answered(micros);
          remember(sent, response.body());
        }
      });
    }

    private void remember(Kind kind, String body) {
      if (kind == Kind.CREATE_CUSTOMER) {
        customers.add(nameIn(body));
      } else if (kind == Kind.RECORD_ORDER) {
        returnableOrders.add(nameIn(body));
      }
    }

    private HttpRequest request(Kind kind) {
      long n = serial.incrementAndGet();
      String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
      String customer = customers.isEmpty() ? "" : customers.get(
          ThreadLocalRandom.current().nextInt(Math.max(0, customers.size() - 500), customers.size()));
      return switch (kind) {
        case CREATE_CUSTOMER -> post("/v1/customers?requestId=soak-" + run + "-" + n, "{\"displayName\": \"Soak "
            + run + " " + n + "\", \"identities\": [{\"type\": \"IDENTITY_TYPE_EMAIL\", \"value\": \"soak." + run + "."
            + n + "@example.org\"}]}");
        case RECORD_INTERACTION -> post("/v1/" + customer + "/interactions", "{\"externalId\": \"soak:" + run + ":" + n
            + "\", \"channel\": \"CHANNEL_WEB\", \"type\": \"INTERACTION_TYPE_WEB_VISIT\", \"summary\": "
            + "\"Soak visit " + n + "\", \"occurTime\": \"" + now + "\"}");
        case SUBMIT_RESPONSE -> post("/v1/" + customer + "/responses", "{\"survey\": \"" + survey + "\", \"score\": "
            + n % 11 + ", \"channel\": \"CHANNEL_WEB\", \"touchpointReference\": {\"kind\": "
            + "\"LINKED_RECORD_KIND_ORDER\", \"id\": \"soak-" + run + "-" + n + "\"}, \"respondTime\": \"" + now + "\"}");
        case FILE_COMPLAINT -> post("/v1/" + customer + "/complaints?requestId=soak-" + run + "-" + n, "{\"channel\": "
            + "\"CHANNEL_EMAIL\", \"category\": \"COMPLAINT_CATEGORY_DELIVERY\", \"severity\": "
            + "\"COMPLAINT_SEVERITY_LOW\", \"description\": \"Soak complaint " + n + "\"}");
        case RECORD_ORDER -> post("/v1/" + customer + "/orders?orderId=soak-" + run + "-" + n, "{\"channel\": "
            + "\"CHANNEL_WEB\", \"orderTime\": \"" + Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS)
            + "\", \"lines\": [{\"lineId\": \"1\", \"sku\": \"KET-200-SS\", \"productCategory\": \"kitchen\", "
            + "\"quantity\": 1, \"unitPrice\": {\"currencyCode\": \"GBP\", \"minorUnits\": 4999}}]}");
        case CREATE_RETURN -> {
          String order = returnableOrders.poll();
          if (order == null) {
            yield request(Kind.READ_TIMELINE);
          }
          String owner = order.substring(0, order.indexOf("/orders/"));
          yield post("/v1/" + owner + "/returns?requestId=soak-" + run + "-" + n, "{\"order\": \"" + order
              + "\", \"preferredResolution\": \"RESOLUTION_REFUND\", \"channel\": \"CHANNEL_WEB\", \"lines\": "
              + "[{\"orderLineId\": \"1\", \"sku\": \"KET-200-SS\", \"quantity\": 1, \"reason\": "
              + "\"RETURN_REASON_CHANGED_MIND\", \"condition\": \"ITEM_CONDITION_UNOPENED\"}]}");
        }
        case READ_TIMELINE -> get("/v1/" + customer + "/timeline?pageSize=50");
        case READ_SUMMARY -> get("/v1/" + customer + "/summary");
      };
    }

    private HttpRequest post(String path, String body) {
      return builder(path).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest get(String path) {
      return builder(path).GET().build();
    }

    private HttpRequest.Builder builder(String path) {
      String token = tokens.get((int) (serial.get() % tokens.size()));
      return HttpRequest.newBuilder(URI.create(settings.gateway() + path)).timeout(Duration.ofSeconds(30))
          .header("authorization", "Bearer " + token);
    }

    private String call(String method, String path, String body) throws IOException, InterruptedException {
      return call(builder(path).header("content-type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * Sends a set-up request, the same again while the platform is unavailable or too slow (a
     * platform that has just started may be both), for up to two minutes: every set-up write
     * carries a request id, so a retry never writes twice.
     */
    private String call(HttpRequest request) throws IOException, InterruptedException {
      long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      String last;
      do {
        try {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            return response.body();
          }
          last = response.statusCode() + ": " + response.body();
          if (response.statusCode() != 503 && response.statusCode() != 504) {
            break;
          }
        } catch (IOException e) {
          last = e.toString();
        }
        Thread.sleep(1_000);
      } while (System.nanoTime() < until);
      throw new IOException(request.method() + " " + request.uri().getPath() + " answered " + last);
    }

    private void sampleRss() {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      int index = (int) Math.min(minutes.length - 1, seconds / 60);
      for (String process : processes()) {
        try {
          long pid = Long.parseLong(Files.readString(settings.runDir().resolve(process + ".pid")).strip());
          Long before = pids.put(process, pid);
          if (before != null && before != pid) {
            restarts.add(process + " at " + Math.round(seconds) + " s");
          }
          long kb = rssKb(pid);
          synchronized (rss) {
            rss.computeIfAbsent(process, p -> new ArrayList<>()).add(new Sample(seconds, kb));
          }
          minutes[index].rss(process, kb);
        } catch (IOException | NumberFormatException e) {
          minutes[index].rss(process, -1);
        }
      }
    }

    /** VmRSS of a process, in kB, from /proc/PID/status. */
    static long rssKb(long pid) throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      throw new IOException("no VmRSS for process " + pid);
    }

    private List<String> processes() {
      return List.of("profile", "feedback", "returns", "gateway");
    }

    private void printMinute(int index) {
      Minute minute = minutes[index];
      List<String> memory = new ArrayList<>();
      Map<String, Long> kb = minute.rssKb();
      for (String process : processes()) {
        Long value = kb.get(process);
        memory.add(value == null || value < 0 ? "-" : Long.toString(value / 1024));
      }
      System.out.printf(Locale.ROOT, "%6d  %8d  %6d  %7.1f  %7.1f  %7.1f   %s%n", index + 1, minute.requests(),
          minute.errorCount(), minute.percentileMillis(50), minute.percentileMillis(99), minute.percentileMillis(100),
          String.join(" / ", memory));
      minute.errors().forEach((what, count) -> System.out.printf("          %d x %s%n", count, what));
    }

    private boolean verdict() {
      int errors = Arrays.stream(minutes).mapToInt(Minute::errorCount).sum();
      int requests = Arrays.stream(minutes).mapToInt(Minute::requests).sum();
      double warmUpSeconds = settings.minutes() * 60 / 2;
      List<String> growing = new ArrayList<>();
      List<String> slopes = new ArrayList<>();
      synchronized (rss) {
        for (String process : processes()) {
          List<Sample> samples = Trend.after(rss.getOrDefault(process, List.of()), warmUpSeconds);
          double slope = Trend.mbPerMinute(samples);
          slopes.add(String.format(Locale.ROOT, "%s %+.1f", process, slope));
          if (slope > settings.rssToleranceMbPerMinute()) {
            growing.add(process);
          }
        }
      }
      Minute first = minutes[0];
      Minute last = minutes[minutes.length - 1];
      System.out.printf(Locale.ROOT, "Requests: %d, errors: %d. p99 drift: %.1f ms in minute 1, %.1f ms in minute %d.%n",
          requests, errors, first.percentileMillis(99), last.percentileMillis(99), minutes.length);
      System.out.printf(Locale.ROOT, "RSS slope after warm-up (the second half, MB/min): %s; tolerance %.1f.%n",
          String.join(", ", slopes), settings.rssToleranceMbPerMinute());
      if (!restarts.isEmpty()) {
        System.out.println("Processes restarted during the run: " + String.join(", ", restarts));
      }
      boolean passed = errors == 0 && growing.isEmpty() && restarts.isEmpty();
      System.out.println("Verdict: " + (passed ? "PASS" : "FAIL") + " (" + (errors == 0 ? "0 errors" : errors + " errors")
          + "; " + (growing.isEmpty() ? "no upward RSS trend after warm-up" : "RSS still rising: " + growing)
          + (restarts.isEmpty() ? "" : "; a process restarted") + ")");
      return passed;
    }

    private String mix() {
      List<String> parts = new ArrayList<>();
      for (Kind kind : Kind.values()) {
        parts.add(kind.name().toLowerCase(Locale.ROOT) + " " + kind.percent + "%");
      }
      return String.join(", ", parts);
    }

    private static String nameIn(String body) {
      Matcher matcher = NAME.matcher(body);
      if (!matcher.find()) {
        throw new IllegalStateException("no resource name in " + body);
      }
      return matcher.group(1);
    }

    private static String reasonIn(String body) {
      Matcher matcher = Pattern.compile("\"reason\"\\s*:\\s*\"([A-Z_]+)\"").matcher(body);
      return matcher.find() ? matcher.group(1) : "";
    }

    private static String trim(double value) {
      return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
      return task -> {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
      };
    }
  }
}
