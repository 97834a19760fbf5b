package cx.bench;

import java.util.List;
import java.util.Map;

/**
 * One scenario's figures: its steps, what each process used while it ran, and what the run
 * concluded from them.
 *
 * @param processes per process: CPU cores used on average and the largest resident memory seen
 */
record ScenarioResult(String key, String title, double seconds, List<Measurement> steps,
    Map<String, ProcessLoad> processes, List<String> findings) {

  /** What one process used during a scenario. */
  record ProcessLoad(double cpuCores, double maxRssMiB) {
  }

  Measurement step(String namePrefix) {
    return steps.stream().filter(s -> s.name().startsWith(namePrefix)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step " + namePrefix + " in " + key));
  }
}
