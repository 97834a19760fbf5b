package cx.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load client of {@code bin/cx bench}, which starts the platform on a fresh store and then
 * runs this against it. Reads where the platform listens and its signing key from the same
 * environment variables the platform's processes read.
 *
 * <pre>
 * java -jar bench/target/cx-bench-*.jar --customers 5000 --duration 20 --run-dir .cx/run
 * </pre>
 */
public final class Bench {

  private Bench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int customers = Integer.parseInt(options.getOrDefault("customers", "1000"));
    Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "15")));
    Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warm-up", "3")));
    Duration compilerWarmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("compiler-warm-up", "120")));
    double rate = Double.parseDouble(options.getOrDefault("rate", "200"));
    int surveyWave = Integer.parseInt(options.getOrDefault("survey-wave", "50000"));
    long seed = Long.parseLong(options.getOrDefault("seed", "7"));
    double startupSeconds = Double.parseDouble(options.getOrDefault("startup-seconds", "0"));
    Path out = Path.of(options.getOrDefault("out", "target/bench"));
    Path runDirectory = Path.of(options.getOrDefault("run-dir", ".cx/run"));
    PrintStream log = System.out;

    Platform.Addresses addresses = new Platform.Addresses(
        "http://localhost:" + env("GATEWAY_PORT", "8080"), "localhost:" + env("PROFILE_GRPC_PORT", "9091"),
        "localhost:" + env("FEEDBACK_GRPC_PORT", "9092"), "localhost:" + env("RETURNS_GRPC_PORT", "9093"));
    log.printf("Gateway %s; profile-service %s, feedback-service %s, returns-service %s%n", addresses.gateway(),
        addresses.profile(), addresses.feedback(), addresses.returns());
    Processes processes = Processes.in(runDirectory, Double.parseDouble(env("CX_CLOCK_TICKS", "100")));
    if (processes.pids().isEmpty()) {
      throw new IllegalStateException("No platform process ids in " + runDirectory + ": start the platform first.");
    }
    Files.createDirectories(out);
    try (Platform platform = new Platform(addresses, System.getenv("CX_AUTH_HMAC_KEY"),
            env("CX_AUTH_ISSUER", "cx-local"), env("CX_AUTH_AUDIENCE", "cx-platform"));
        Usage usage = new Usage(processes)) {
      Map<String, Double> idle = usage.rssNowMiB();
      long loadStart = System.nanoTime();
      DataSet data = DataSet.load(platform, customers, seed, log);
      log.printf("Loaded %,d events for %,d customers in %.0f s.%n", data.events, customers,
          (System.nanoTime() - loadStart) / 1e9);
      List<ScenarioResult> scenarios = new Scenarios(platform, data, new Scenarios.Settings(rate, duration, warmUp, compilerWarmUp,
          surveyWave, out, System.getenv("MONGODB_URI")), usage, log).runAll();
      Report.Run run = Report.of(machine(), data, rate, startupSeconds, idle, usage.peakRssMiB(), scenarios);
      Report.write(run, out);
      log.println();
      for (Report.Target target : run.targets()) {
        log.printf("%-4s %s: %s (target %s)%n", target.met() ? "met" : "MISS", target.what(), target.measured(),
            target.goal());
      }
      log.printf("%nReport: %s and %s%n", out.resolve("report.md"), out.resolve("report.json"));
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static String env(String name, String otherwise) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? otherwise : value;
  }

  private static Map<String, String> machine() throws IOException {
    Map<String, String> machine = new LinkedHashMap<>();
    machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.exists(cpuinfo)) {
      Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
          .ifPresent(l -> machine.put("cpu", l.substring(l.indexOf(':') + 1).strip()));
    }
    long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    machine.put("memory", String.format("%.0f GiB", memory / 1_073_741_824.0));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("store", System.getenv("MONGODB_URI") == null ? "embedded (mongo-java-server, H2 file)" : "MongoDB");
    return machine;
  }
}
