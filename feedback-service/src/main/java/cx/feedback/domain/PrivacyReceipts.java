package cx.feedback.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The receipts of erasures, keyed by privacy request. A receipt is stored, with its counts,
 * before the erasure starts and completed after it, so that a retry after a crash finishes the
 * work and still reports what the first attempt found.
 */
public interface PrivacyReceipts {

  /** What was done with one kind of record. */
  enum Disposition { EXPORTED, REMOVED, PSEUDONYMISED }

  /** One line of a receipt. */
  record Line(String recordType, Disposition disposition, long count, String description) {
  }

  /**
   * A receipt.
   *
   * @param completeTime null while the erasure is under way
   */
  record Receipt(String privacyRequestId, List<Line> lines, Instant completeTime) {

    public Receipt {
      lines = List.copyOf(lines);
    }
  }

  Optional<Receipt> find(String privacyRequestId);

  /** Stores a receipt under way unless one exists for the request; returns the stored one. */
  Receipt startIfAbsent(Receipt receipt);

  /** Marks the receipt complete at {@code time}, unless it is already. */
  void complete(String privacyRequestId, Instant time);
}
