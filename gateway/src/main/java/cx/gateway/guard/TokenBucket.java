package cx.gateway.guard;

/**
 * A token bucket: up to {@code burst} requests at once, refilled at {@code ratePerSecond}. Time
 * is passed in, so the arithmetic is exact and testable.
 */
final class TokenBucket {

  private final double ratePerNano;
  private final int burst;
  private double tokens;
  private long lastRefill;

  TokenBucket(double ratePerSecond, int burst, long now) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastRefill = now;
  }

  /**
   * Takes one token if there is one.
   *
   * @return 0 if the request may pass, otherwise the nanoseconds until a token is available
   */
  synchronized long tryTake(long now) {
    tokens = Math.min(burst, tokens + (now - lastRefill) * ratePerNano);
    lastRefill = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / ratePerNano);
  }

  /** Whether the bucket is full again, so it can be forgotten. */
  synchronized boolean isFull(long now) {
    return Math.min(burst, tokens + (now - lastRefill) * ratePerNano) >= burst;
  }
}
