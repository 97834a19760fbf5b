package cx.returns.api;

import cx.returns.domain.ReturnDesk;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Expires approved returns whose label went unused, every {@code cx.returns.expiry-sweep-interval}.
 * Returns also expire whenever they are read or changed, so the sweep only makes sure that
 * returns nobody looks at leave too; running it twice, or on several instances, changes nothing
 * more.
 */
@Component
class ReturnExpirySweep implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ReturnExpirySweep.class);
  private static final int BATCH = 500;

  private final ReturnDesk returns;
  private final Duration interval;
  private ScheduledExecutorService scheduler;

  ReturnExpirySweep(ReturnDesk returns, @Value("${cx.returns.expiry-sweep-interval:15m}") Duration interval) {
    this.returns = returns;
    this.interval = interval;
  }

  /** Expires every overdue return, a batch at a time. */
  int sweep() {
    int expired = 0;
    int batch;
    do {
      batch = returns.expireOverdue(BATCH);
      expired += batch;
    } while (batch == BATCH);
    return expired;
  }

  @Override
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "return-expiry-sweep");
      thread.setDaemon(true);
      return thread;
    });
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::sweepLogged, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    scheduler.shutdownNow();
    scheduler = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  private void sweepLogged() {
    try {
      int expired = sweep();
      if (expired > 0) {
        LOG.info("Expired {} approved returns whose label went unused", expired);
      }
    } catch (RuntimeException e) {
      // The next run tries again; a failed run leaves nothing half done.
      LOG.warn("Return expiry sweep failed", e);
    }
  }
}
