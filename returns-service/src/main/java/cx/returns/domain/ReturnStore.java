package cx.returns.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where returns are kept. */
public interface ReturnStore {

  /** The return with this id, whichever customer it belongs to. */
  Optional<ProductReturn> find(String returnId);

  /** The returns with these ids that exist, in no particular order. */
  List<ProductReturn> findAll(Collection<String> returnIds);

  /** Stores a new return unless one with its id exists already (a retried create). */
  void insertIfAbsent(ProductReturn productReturn);

  /**
   * Replaces a return, only if its stored version is still {@code expectedVersion}.
   *
   * @return false if another writer changed it first; nothing was written then
   */
  boolean replace(ProductReturn next, long expectedVersion);

  /**
   * Up to {@code limit} APPROVED returns whose label expired before {@code now}. Only the
   * scheduled sweep asks this; every other read is by id.
   */
  List<ProductReturn> findApprovedWithLabelExpiredBefore(Instant now, int limit);
}
