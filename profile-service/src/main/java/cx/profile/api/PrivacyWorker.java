package cx.profile.api;

import cx.profile.domain.PrivacyFanOut;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the privacy fan-out in the background: at start-up it puts every unfinished request back
 * on the work queue, then every {@code cx.profile.privacy.poll-interval} it advances the requests
 * that are due. Its state is all in the store, so stopping it at any point loses nothing; several
 * instances may run at once.
 */
final class PrivacyWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PrivacyWorker.class);
  private static final int BATCH = 50;

  private final PrivacyFanOut fanOut;
  private final Duration pollInterval;
  private ScheduledExecutorService scheduler;

  PrivacyWorker(PrivacyFanOut fanOut, Duration pollInterval) {
    this.fanOut = fanOut;
    this.pollInterval = pollInterval;
  }

  @Override
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "privacy-fan-out");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.execute(this::resume);
    scheduler.scheduleWithFixedDelay(this::advanceDue, pollInterval.toMillis(), pollInterval.toMillis(),
        TimeUnit.MILLISECONDS);
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

  private void resume() {
    try {
      int open = fanOut.resumeUnfinished();
      if (open > 0) {
        log.info("Resuming {} privacy request(s) in progress", open);
      }
    } catch (RuntimeException e) {
      // The queue still holds what it held; the polls carry on with that.
      log.warn("Could not re-queue the privacy requests in progress", e);
    }
  }

  /** Advances every due request; one that fails stays queued and is tried at the next poll. */
  private void advanceDue() {
    try {
      for (String id : fanOut.due(BATCH)) {
        try {
          fanOut.advance(id);
        } catch (RuntimeException e) {
          log.warn("Privacy request {} could not be advanced; trying again at the next poll", id, e);
        }
      }
    } catch (RuntimeException e) {
      log.warn("Could not read the privacy work queue; trying again at the next poll", e);
    }
  }
}
