package cx.profile.domain;

import java.time.Instant;
import java.util.Optional;

/** Where customer profiles and the ownership of identities are kept. */
public interface CustomerStore {

  /** The profile with this id, in whatever state. */
  Optional<Customer> find(String id);

  /** Stores a new profile unless one with its id exists already (a retried create). */
  void insertIfAbsent(Customer customer);

  /**
   * Claims an identity key for a customer. Exactly one customer can hold a key: the claim
   * succeeds if the key is free or already held by this customer, and otherwise reports the
   * holder.
   *
   * @return empty if the customer now holds the key, otherwise the id of the customer who does
   */
  Optional<String> claimIdentity(String key, String customerId, Instant now);

  /**
   * Takes over a key whose holder does not exist (left behind by a create that was interrupted
   * before it stored the profile). Succeeds only if the key is still held by {@code staleHolder}.
   */
  boolean takeOverIdentity(String key, String staleHolder, String customerId, Instant now);

  /** Gives up a key, if this customer holds it. */
  void releaseIdentity(String key, String customerId);

  /** The id of the customer holding a key, if any. */
  Optional<String> identityHolder(String key);

  /** When the key was claimed, if it is held. */
  Optional<Instant> identityClaimTime(String key);
}
