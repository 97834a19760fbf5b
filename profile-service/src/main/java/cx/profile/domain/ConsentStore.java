package cx.profile.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where customers' consent books and their append-only histories are kept. */
public interface ConsentStore {

  /** The customer's consent book, if one was ever written. */
  Optional<CustomerConsents> find(String customerId);

  /** The consent books of these customers that exist. */
  List<CustomerConsents> findAll(Collection<String> customerIds);

  /**
   * Writes a book if the stored one still has {@code expectedVersion} (0: none is stored yet).
   *
   * @return false if another writer changed it first; nothing was written then
   */
  boolean save(CustomerConsents consents, long expectedVersion);

  /** Removes the pending write of this operation from the customer's book, if it is still there. */
  void clearPending(String customerId, String operationId);

  /** Appends history entries; an entry already stored (same customer and sequence) is kept as it is. */
  void appendHistory(List<ConsentChange> entries);

  /** Every history entry of these books, read by key. */
  List<ConsentChange> history(Collection<CustomerConsents> books);

  /**
   * Deletes these customers' consent books and their histories, irreversibly.
   *
   * @return how many current decisions and how many history entries were deleted
   */
  ErasedConsents eraseAll(Collection<String> customerIds);

  /** What an erasure deleted. */
  record ErasedConsents(long decisions, long historyEntries) {
  }
}
