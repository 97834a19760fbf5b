package cx.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's report: {@code report.md} for people, {@code report.json} for machines, with the
 * platform's targets checked against the figures of this same run.
 */
final class Report {

  /** One target, as the contracts' issues state it, and whether this run met it. */
  record Target(String what, String goal, String measured, boolean met) {
  }

  /** The run as a whole. */
  record Run(Map<String, String> machine, Map<String, Object> dataSet, double startupSeconds,
      Map<String, Double> idleRssMiB, Map<String, Double> peakRssMiB, List<Measurement> loading,
      List<ScenarioResult> scenarios, Map<String, Double> overheads, List<Target> targets) {
  }

  private Report() {
  }

  static Run of(Map<String, String> machine, DataSet data, double timelineRate, double startupSeconds,
      Map<String, Double> idleRss, Map<String, Double> peakRss, List<ScenarioResult> scenarios) {
    Map<String, Object> dataSet = new LinkedHashMap<>();
    dataSet.put("customers", data.customerIds.size());
    dataSet.put("events", data.events);
    dataSet.put("orders", data.orders.size());
    dataSet.put("seed", data.seed);
    ScenarioResult floors = find(scenarios, "floors");
    ScenarioResult open = find(scenarios, "open");
    ScenarioResult survey = find(scenarios, "survey");
    Measurement store = floors.step("store find");
    Measurement getCustomer = floors.step("profile gRPC GetCustomer");
    Measurement lookup = floors.step("profile gRPC LookupCustomer");
    Measurement gateway = floors.step("gateway GET");
    Measurement trivial = floors.step("gateway trivial");
    Measurement slowestSource = floors.steps().stream().filter(s -> s.name().contains("timeline source"))
        .max((a, b) -> Double.compare(a.p50(), b.p50())).orElseThrow();
    Measurement timeline = open.step("gateway timeline");
    Measurement wave = survey.step("survey wave");
    Measurement summary = survey.step("GetScoreSummary");

    Map<String, Double> overheads = new LinkedHashMap<>();
    overheads.put("service over store (GetCustomer p50 / store p50)", getCustomer.p50() / store.p50());
    overheads.put("gateway over service (GET customer p50 / gRPC GetCustomer p50)", gateway.p50() / getCustomer.p50());
    overheads.put("gateway added, ms at p50", gateway.p50() - getCustomer.p50());
    overheads.put("gateway's own floor, ms at p50 (trivial route)", trivial.p50());
    overheads.put("fan-out (timeline p50 / slowest source p50)", timeline.p50() / slowestSource.p50());

    List<Target> targets = new ArrayList<>();
    targets.add(new Target("timeline p99 through the gateway at 200 requests/s", "< 50 ms",
        String.format("%.1f ms at %.0f/s, %d errors", timeline.p99(), timelineRate, timeline.errors()),
        timeline.p99() < 50 && timelineRate >= 200 && timeline.clean()));
    targets.add(new Target("timeline p50 against the slowest single source (" + slowestSource.name() + ")",
        "<= 1.5x", String.format("%.2f ms / %.2f ms = %.2fx", timeline.p50(), slowestSource.p50(),
            timeline.p50() / slowestSource.p50()), timeline.p50() <= 1.5 * slowestSource.p50()));
    targets.add(new Target("profile look-up by identifier p99 (gRPC)", "< 5 ms",
        String.format("%.2f ms", lookup.p99()), lookup.p99() < 5 && lookup.clean()));
    targets.add(new Target("profile look-up p99 against the store's find-by-unique-key p99", "<= 3x",
        String.format("%.2f ms / %.2f ms = %.1fx", lookup.p99(), store.p99(), lookup.p99() / store.p99()),
        lookup.p99() <= 3 * store.p99()));
    double answered = wave.throughput() * Scenarios.WAVE_BATCH;
    targets.add(new Target("survey response ingest through gRPC (BatchSubmitResponses)", ">= 5,000 responses/s",
        String.format("%,.0f responses/s, %d errors", answered, wave.errors()), answered >= 5_000 && wave.clean()));
    targets.add(new Target("GetScoreSummary p99", "< 20 ms", String.format("%.1f ms over the loaded answers and %,d of the wave",
        summary.p99(), wave.calls() * Scenarios.WAVE_BATCH), summary.p99() < 20 && summary.clean()));
    return new Run(machine, dataSet, startupSeconds, idleRss, peakRss, data.loading, scenarios, overheads, targets);
  }

  private static ScenarioResult find(List<ScenarioResult> scenarios, String key) {
    return scenarios.stream().filter(s -> s.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no scenario " + key));
  }

  static void write(Run run, Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("report.json"),
        new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(run));
    Files.writeString(directory.resolve("report.md"), markdown(run));
  }

  static String markdown(Run run) {
    StringBuilder md = new StringBuilder();
    md.append("# CX platform benchmark\n\n");
    md.append("Machine: ");
    md.append(String.join(", ", run.machine().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
    md.append(".\n\nData set: ");
    md.append(String.join(", ", run.dataSet().entrySet().stream().map(e -> e.getKey() + " "
        + (e.getValue() instanceof Number n ? String.format("%,d", n.longValue()) : e.getValue())).toList()));
    md.append(".\n\nLoad: open loop at fixed rates from a separate process on the same machine (latency is "
        + "measured from when each call was due, so queueing counts); the load client shares the cores.\n\n");

    md.append("## Targets\n\n| what | target | this run | met |\n|---|---|---|---|\n");
    for (Target target : run.targets()) {
      md.append("| ").append(target.what()).append(" | ").append(target.goal()).append(" | ")
          .append(target.measured()).append(" | ").append(target.met() ? "yes" : "**no**").append(" |\n");
    }
    md.append("\n## Overheads (ratios to what cannot be avoided)\n\n| | |\n|---|---|\n");
    run.overheads().forEach((what, value) -> md.append(String.format("| %s | %.2f |%n", what, value)));

    md.append(String.format("%n## Start-up and memory%n%nFrom `bin/cx up` to all four processes healthy: "
        + "%.1f s.%n%n| process | RSS idle (MiB) | RSS peak (MiB) |%n|---|---|---|%n", run.startupSeconds()));
    double idle = 0;
    double peak = 0;
    for (String process : run.idleRssMiB().keySet()) {
      double i = run.idleRssMiB().get(process);
      double p = run.peakRssMiB().getOrDefault(process, i);
      idle += i;
      peak += p;
      md.append(String.format("| %s | %.0f | %.0f |%n", process, i, p));
    }
    md.append(String.format("| **total** | %.0f | %.0f |%n", idle, peak));

    md.append("\n## Loading the data set (closed loop, 48 calls at a time)\n\n");
    table(md, run.loading());
    for (ScenarioResult scenario : run.scenarios()) {
      md.append("\n## ").append(scenario.title()).append("\n\n");
      table(md, scenario.steps());
      md.append("\nCPU (cores) and peak RSS (MiB) during the scenario: ");
      md.append(String.join(", ", scenario.processes().entrySet().stream().map(e -> String.format("%s %.2f / %.0f",
          e.getKey(), e.getValue().cpuCores(), e.getValue().maxRssMiB())).toList()));
      md.append(".\n");
      for (String finding : scenario.findings()) {
        md.append("\n").append(finding).append("\n");
      }
    }
    return md.toString();
  }

  private static void table(StringBuilder md, List<Measurement> steps) {
    md.append("| step | rate offered/s | calls | answered/s | p50 ms | p95 ms | p99 ms | max ms | errors |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Measurement m : steps) {
      md.append(String.format("| %s | %s | %,d | %,.0f | %.2f | %.2f | %.2f | %.1f | %d%s |%n", m.name(),
          m.offeredRate() > 0 ? String.format("%.0f", m.offeredRate()) : "as fast as answered", m.calls(),
          m.throughput(), m.p50(), m.p95(), m.p99(), m.max(), m.errors(),
          m.errors() > 0 ? " (" + shortened(m.lastError()).replace('|', '/') + ")" : ""));
    }
  }

  private static String shortened(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }
}
