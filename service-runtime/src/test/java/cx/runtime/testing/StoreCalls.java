package cx.runtime.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The store calls a service made from a point on, read from the driver's command timers
 * ({@code mongodb.driver.commands}, tagged by command and collection): how many calls an
 * operation takes, and where the store's time goes. Shared by the services' benchmarks.
 */
public final class StoreCalls {

  private final MeterRegistry registry;
  private final Map<String, double[]> before;

  /** Counts from now on. */
  public StoreCalls(MeterRegistry registry) {
    this.registry = registry;
    this.before = totals();
  }

  /** Calls and milliseconds spent, by "command collection". */
  private Map<String, double[]> totals() {
    Map<String, double[]> totals = new TreeMap<>();
    for (Timer timer : registry.find("mongodb.driver.commands").timers()) {
      String key = timer.getId().getTag("command") + " " + timer.getId().getTag("collection");
      double[] total = totals.computeIfAbsent(key, k -> new double[2]);
      total[0] += timer.count();
      total[1] += timer.totalTime(TimeUnit.MILLISECONDS);
    }
    return totals;
  }

  /**
   * The calls per operation over {@code operations} operations in all, then by command and
   * collection, with the store's milliseconds per operation, the costliest first.
   */
  public String since(int operations) {
    Map<String, double[]> now = totals();
    double calls = 0;
    double millis = 0;
    Map<String, double[]> made = new TreeMap<>();
    for (Map.Entry<String, double[]> e : now.entrySet()) {
      double[] earlier = before.getOrDefault(e.getKey(), new double[2]);
      double[] delta = {e.getValue()[0] - earlier[0], e.getValue()[1] - earlier[1]};
      if (delta[0] > 0) {
        made.put(e.getKey(), delta);
        calls += delta[0];
        millis += delta[1];
      }
    }
    String each = made.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[1]))
        .map(e -> String.format(Locale.ROOT, "%s %.2f (%.2f ms)", e.getKey(), e.getValue()[0] / operations,
            e.getValue()[1] / operations))
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%.1f calls, %.2f ms: %s", calls / operations, millis / operations, each);
  }
}
