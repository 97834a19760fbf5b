package cx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

  @Test
  void aServerSlowerThanTheRateShowsItsQueueInTheLatency() {
    // One worker taking 20 ms a call can answer 50 calls/s; 100/s are sent for a second.
    ExecutorService oneWorker = Executors.newSingleThreadExecutor();
    try {
      Measurement measured = OpenLoop.run("slow", 100, Duration.ZERO, Duration.ofSeconds(1),
          i -> CompletableFuture.runAsync(() -> sleep(20), oneWorker));

      assertThat(measured.calls()).isEqualTo(100);
      assertThat(measured.errors()).isZero();
      // The last calls waited behind about 50 others: a closed loop would have reported 20 ms.
      assertThat(measured.max()).isGreaterThan(500);
      assertThat(measured.p50()).isGreaterThan(100);
    } finally {
      oneWorker.shutdownNow();
    }
  }

  @Test
  void failedCallsAreCountedAsErrorsWithTheirMessage() {
    Measurement measured = OpenLoop.run("failing", 200, Duration.ofMillis(100), Duration.ofMillis(500),
        i -> i % 2 == 0 ? CompletableFuture.completedFuture(i)
            : CompletableFuture.failedFuture(new IllegalStateException("answered 503")));

    assertThat(measured.calls()).isEqualTo(100);
    assertThat(measured.errors()).isBetween(49L, 51L);
    assertThat(measured.lastError()).isEqualTo("answered 503");
    assertThat(measured.clean()).isFalse();
  }

  @Test
  void aClosedLoopSendsEveryCallAndKeepsTheConcurrency() {
    java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(8);
    try {
      Measurement measured = OpenLoop.closed("closed", 200, 4, i -> CompletableFuture.runAsync(() -> {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        sleep(1);
        inFlight.decrementAndGet();
      }, workers));

      assertThat(measured.calls()).isEqualTo(200);
      assertThat(most.get()).isBetween(1, 4);
    } finally {
      workers.shutdownNow();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
