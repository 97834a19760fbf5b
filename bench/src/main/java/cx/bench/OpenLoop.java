package cx.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends calls at a fixed rate whatever the answers do, and measures each call from the moment
 * it was due to be sent, not from when it was sent: a platform that falls behind shows the
 * queueing in its latency instead of quietly slowing the load down (no coordinated omission).
 */
final class OpenLoop {

  /** The most calls left unanswered at once; beyond it a call counts as an error, not a wait. */
  static final int MAX_IN_FLIGHT = 2_000;

  private OpenLoop() {
  }

  /**
   * Runs {@code call} at {@code ratePerSecond} for {@code duration} after {@code warmUp} at the
   * same rate that is not measured, then waits for the last answers.
   *
   * @param call sends call {@code i} and completes when its answer is in; completing
   *     exceptionally counts as an error
   */
  static Measurement run(String name, double ratePerSecond, Duration warmUp, Duration duration,
      IntFunction<CompletableFuture<?>> call) {
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive");
    }
    long interval = (long) (1_000_000_000L / ratePerSecond);
    long warmUpCalls = warmUp.toNanos() / interval;
    long measuredCalls = Math.max(1, duration.toNanos() / interval);
    Histogram histogram = new ConcurrentHistogram(Duration.ofMinutes(5).toNanos(), 3);
    AtomicLong errors = new AtomicLong();
    AtomicLong lastError = new AtomicLong();
    String[] lastErrorText = {""};
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    long start = System.nanoTime() + 1_000_000;
    long measuredStart = start + warmUpCalls * interval;
    for (long i = 0; i < warmUpCalls + measuredCalls; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      boolean measured = i >= warmUpCalls;
      if (!inFlight.tryAcquire()) {
        if (measured) {
          errors.incrementAndGet();
          histogram.recordValue(Math.max(0, System.nanoTime() - due));
        }
        continue;
      }
      CompletableFuture<?> answer;
      try {
        answer = call.apply((int) i);
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      answer.whenComplete((value, failure) -> {
        if (measured) {
          histogram.recordValue(Math.max(0, System.nanoTime() - due));
          if (failure != null) {
            errors.incrementAndGet();
            if (lastError.getAndIncrement() == 0) {
              lastErrorText[0] = String.valueOf(failure.getMessage());
            }
          }
        }
        // Released last, so that the run's end, which takes every permit, sees every answer recorded.
        inFlight.release();
      });
    }
    inFlight.acquireUninterruptibly(MAX_IN_FLIGHT);
    double seconds = (System.nanoTime() - measuredStart) / 1e9;
    return Measurement.of(name, ratePerSecond, histogram, errors.get(), seconds, lastErrorText[0]);
  }

  /** Sends {@code count} calls, {@code concurrency} at a time, as fast as they are answered. */
  static Measurement closed(String name, int count, int concurrency, IntFunction<CompletableFuture<?>> call) {
    return closed(name, count, concurrency, Duration.ofDays(1), call);
  }

  /**
   * Sends up to {@code count} calls, {@code concurrency} at a time, as fast as they are answered,
   * and no new call after {@code atMost}: the measurement says how many were sent.
   */
  static Measurement closed(String name, int count, int concurrency, Duration atMost,
      IntFunction<CompletableFuture<?>> call) {
    long stopSending = System.nanoTime() + atMost.toNanos();
    Histogram histogram = new ConcurrentHistogram(Duration.ofMinutes(5).toNanos(), 3);
    AtomicLong errors = new AtomicLong();
    String[] lastErrorText = {""};
    Semaphore inFlight = new Semaphore(concurrency);
    long start = System.nanoTime();
    for (int i = 0; i < count && System.nanoTime() < stopSending; i++) {
      inFlight.acquireUninterruptibly();
      long sent = System.nanoTime();
      CompletableFuture<?> answer;
      try {
        answer = call.apply(i);
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      answer.whenComplete((value, failure) -> {
        histogram.recordValue(Math.max(0, System.nanoTime() - sent));
        if (failure != null && errors.getAndIncrement() == 0) {
          lastErrorText[0] = String.valueOf(failure.getMessage());
        }
        inFlight.release();
      });
    }
    inFlight.acquireUninterruptibly(concurrency);
    double seconds = (System.nanoTime() - start) / 1e9;
    return Measurement.of(name, 0, histogram, errors.get(), seconds, lastErrorText[0]);
  }
}
