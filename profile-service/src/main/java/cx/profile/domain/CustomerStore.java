package cx.profile.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where customer profiles and the ownership of identities are kept. */
public interface CustomerStore {

  /** The profile with this id, in whatever state. */
  Optional<Customer> find(String id);

  /** Stores a new profile unless one with its id exists already (a retried create). */
  void insertIfAbsent(Customer customer);

  /**
   * Replaces a profile if it still has {@code expectedVersion}; the replacement carries the next
   * version.
   *
   * @return false if someone else changed the profile first (nothing was written)
   */
  boolean replace(Customer replacement, long expectedVersion);

  /** Marks a profile as touched by an unfinished merge or unmerge (or clears it with ""). */
  void setPendingMerge(String customerId, String mergeId);

  /**
   * Claims an identity key for a customer. Exactly one customer can hold a key: the claim
   * succeeds if the key is free or already held by this customer, and otherwise reports the
   * holder.
   *
   * @return empty if the customer now holds the key, otherwise the id of the customer who does
   */
  Optional<String> claimIdentity(String key, String customerId, Instant now);

  /**
   * Moves a key from one holder to another, only if {@code from} still holds it. Used to take
   * over abandoned claims and to move identities in a merge.
   */
  boolean moveIdentity(String key, String from, String to, Instant now);

  /** Gives up a key, if this customer holds it. */
  void releaseIdentity(String key, String customerId);

  /** The id of the customer holding a key, if any. */
  Optional<String> identityHolder(String key);

  /** When the key was claimed, if it is held. */
  Optional<Instant> identityClaimTime(String key);

  /**
   * Active customers whose display name starts with a prefix (case-insensitive), in name order,
   * after the given position.
   */
  List<Customer> searchByNamePrefix(String lowerCasePrefix, String afterName, String afterId, int limit);
}
