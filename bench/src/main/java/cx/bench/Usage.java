package cx.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples each process's memory twice a second and tells what each used during a scenario. */
final class Usage implements AutoCloseable {

  private final Processes processes;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "usage-sampler");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, Long> maxRss = new ConcurrentHashMap<>();
  private final Map<String, Long> peakRss = new ConcurrentHashMap<>();
  private Map<String, Processes.Usage> atBegin = Map.of();
  private long begunAt;

  Usage(Processes processes) {
    this.processes = processes;
    sampler.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    processes.now().forEach((name, usage) -> {
      maxRss.merge(name, usage.rssBytes(), Math::max);
      peakRss.merge(name, usage.rssBytes(), Math::max);
    });
  }

  /** Resident memory of each process now, in MiB. */
  Map<String, Double> rssNowMiB() {
    Map<String, Double> now = new LinkedHashMap<>();
    processes.now().forEach((name, usage) -> now.put(name, usage.rssBytes() / 1_048_576.0));
    return now;
  }

  /** The largest resident memory of each process over the whole run, in MiB. */
  Map<String, Double> peakRssMiB() {
    Map<String, Double> peak = new LinkedHashMap<>();
    peakRss.forEach((name, bytes) -> peak.put(name, bytes / 1_048_576.0));
    return peak;
  }

  void begin() {
    maxRss.clear();
    atBegin = processes.now();
    begunAt = System.nanoTime();
  }

  ScenarioResult end(String key, String title, List<Measurement> steps) {
    sample();
    double seconds = (System.nanoTime() - begunAt) / 1e9;
    Map<String, ScenarioResult.ProcessLoad> loads = new LinkedHashMap<>();
    processes.now().forEach((name, usage) -> {
      Processes.Usage before = atBegin.get(name);
      double cpu = before == null ? 0 : (usage.cpuSeconds() - before.cpuSeconds()) / seconds;
      loads.put(name, new ScenarioResult.ProcessLoad(cpu, maxRss.getOrDefault(name, usage.rssBytes()) / 1_048_576.0));
    });
    return new ScenarioResult(key, title, seconds, steps, loads, new ArrayList<>());
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
