package cx.runtime.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A closed-loop run of a benchmark: {@code count} calls spread over client threads, each call's
 * latency kept. Shared by the services' benchmarks, which only differ in what they call.
 *
 * @param latencies each call's latency in nanoseconds, in call order
 * @param elapsedSeconds the wall-clock time of the whole run
 */
public record LoadRun(long[] latencies, double elapsedSeconds) {

  /** Runs call 0 to {@code count - 1} on {@code threads} threads. */
  public static LoadRun of(int count, int threads, IntConsumer call) throws Exception {
    long[] latencies = new long[count];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        futures.add(pool.submit(() -> {
          for (int i = first; i < count; i += threads) {
            long begin = System.nanoTime();
            call.accept(i);
            latencies[i] = System.nanoTime() - begin;
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new LoadRun(latencies, (System.nanoTime() - start) / 1e9);
  }

  /** Calls per second over the whole run. */
  public double throughput() {
    return latencies.length / elapsedSeconds;
  }

  /** The latency, in nanoseconds, that {@code p} percent of calls stayed within. */
  public double percentileNanos(double p) {
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
  }

  /** The slowest call, in nanoseconds. */
  public double maxNanos() {
    return Arrays.stream(latencies).max().orElse(0);
  }
}
