package cx.profile.domain;

import java.time.Instant;
import java.util.List;

/**
 * One service's proof of its part of a data-subject request, and the state of the calls that get
 * it: kept on the request, so that a restarted worker knows what is left and when to try next.
 *
 * @param attemptCount how many calls were made (for an export, one call may read many pages)
 * @param lastAttemptTime when the last call was made; null before the first
 * @param lastError the last failed call's ErrorInfo reason or status code name; empty once DONE
 * @param completeTime when the service reported its part done; null until then
 * @param dispositions what the service did, one line per kind of record (for an export, summed
 *     over its pages)
 * @param exportPages for an export, how many pages of records the service's section was stored in
 * @param nextAttemptTime when to call next, while the part is open; null otherwise
 */
public record ServiceReceipt(PlatformService service, ReceiptState state, int attemptCount, Instant lastAttemptTime,
    String lastError, Instant completeTime, List<PersonalDataPart.Disposition> dispositions, int exportPages,
    Instant nextAttemptTime) {

  public ServiceReceipt {
    dispositions = List.copyOf(dispositions);
  }

  /** A part nobody has called for yet, due at once. */
  static ServiceReceipt pending(PlatformService service, Instant now) {
    return new ServiceReceipt(service, ReceiptState.PENDING, 0, null, "", null, List.of(), 0, now);
  }

  /** Whether the part is still open and its next call is due. */
  public boolean due(Instant now) {
    return state.open() && !nextAttemptTime.isAfter(now);
  }

  /** This part after a call made at {@code attemptTime} that ended with {@code outcome}. */
  ServiceReceipt after(PartOutcome outcome, Instant attemptTime, RetryBackoff backoff) {
    int attempts = attemptCount + 1;
    if (outcome instanceof PartOutcome.Done done) {
      return new ServiceReceipt(service, ReceiptState.DONE, attempts, attemptTime, "", done.completeTime(),
          done.dispositions(), done.exportPages(), null);
    }
    if (outcome instanceof PartOutcome.Retry retry) {
      return new ServiceReceipt(service, ReceiptState.RETRYING, attempts, attemptTime, retry.error(), null,
          List.of(), 0, attemptTime.plus(backoff.after(failuresInARow() + 1)));
    }
    PartOutcome.Fail fail = (PartOutcome.Fail) outcome;
    return new ServiceReceipt(service, ReceiptState.FAILED, attempts, attemptTime, fail.error(), null, List.of(), 0,
        null);
  }

  /** This part, never asked, after the request failed. */
  ServiceReceipt skipped() {
    return new ServiceReceipt(service, ReceiptState.SKIPPED, attemptCount, lastAttemptTime, lastError, null,
        List.of(), 0, null);
  }

  private int failuresInARow() {
    return state == ReceiptState.RETRYING ? attemptCount : 0;
  }

  /** How one call for a part ended. */
  sealed interface PartOutcome {

    /** The service did its part. */
    record Done(Instant completeTime, List<PersonalDataPart.Disposition> dispositions, int exportPages)
        implements PartOutcome {
    }

    /** The call failed in a way a later call may not: the service was down, slow or failing. */
    record Retry(String error) implements PartOutcome {
    }

    /** The call failed in a way no retry can change. */
    record Fail(String error) implements PartOutcome {
    }
  }
}
