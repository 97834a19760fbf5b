package cx.returns.domain;

import java.util.Optional;

/** Where the administrators' return policy is kept, one document with a version. */
public interface PolicyStore {

  /** The stored policy, or empty while the configured initial policy is in force. */
  Optional<PolicyRevision> find();

  /**
   * Stores the next revision if the stored one is still at {@code expectedVersion} (0: none
   * stored yet).
   *
   * @return false if another writer stored a revision first; nothing was written then
   */
  boolean replace(PolicyRevision next, long expectedVersion);
}
