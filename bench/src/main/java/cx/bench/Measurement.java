package cx.bench;

import org.HdrHistogram.Histogram;

/**
 * What one scenario step measured: calls answered per second, latency percentiles in
 * milliseconds, and errors.
 *
 * @param offeredRate the rate calls were sent at; 0 for a closed loop (as fast as answered)
 * @param lastError the text of one error, to say what went wrong; empty without errors
 */
record Measurement(String name, double offeredRate, long calls, long errors, double seconds, double throughput,
    double p50, double p95, double p99, double max, String lastError) {

  static Measurement of(String name, double offeredRate, Histogram histogram, long errors, double seconds,
      String lastError) {
    long calls = histogram.getTotalCount();
    return new Measurement(name, offeredRate, calls, errors, seconds, seconds > 0 ? calls / seconds : 0,
        millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(95)),
        millis(histogram.getValueAtPercentile(99)), millis(histogram.getMaxValue()), lastError);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** Whether every call was answered without error. */
  boolean clean() {
    return errors == 0 && calls > 0;
  }
}
