package cx.profile.domain;

import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates and finds customer profiles.
 *
 * <p>A create is several writes (one claim per identity, then the profile) without a
 * transaction, so it is written to be repeated: claiming a key this customer already holds
 * succeeds, and storing a profile that exists is a no-op. A retry with the same id therefore
 * finishes an interrupted create, and a claim whose profile never got stored is taken over
 * once it is older than {@link #ABANDONED_CLAIM_AGE}.
 */
public final class CustomerRegistry {

  /** How old a claim without a stored profile must be before another create may take it. */
  public static final Duration ABANDONED_CLAIM_AGE = Duration.ofMinutes(2);

  private final CustomerStore store;
  private final Clock clock;

  public CustomerRegistry(CustomerStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Creates the profile with the given id, or returns it if a create with this id already
   * stored it.
   *
   * @throws AlreadyExistsException reason {@code IDENTITY_IN_USE} if an identity belongs to
   *     another customer; nothing of this create is kept then
   */
  public Customer create(String id, NewCustomer request) {
    Optional<Customer> existing = store.find(id);
    if (existing.isPresent()) {
      return existing.get();
    }
    Instant now = clock.instant();
    List<String> claimed = new ArrayList<>();
    for (int i = 0; i < request.identities().size(); i++) {
      String key = request.identities().get(i).key();
      if (!claim(key, id, now)) {
        claimed.forEach(k -> store.releaseIdentity(k, id));
        throw new AlreadyExistsException("IDENTITY_IN_USE",
            "customer.identities[" + i + "] already belongs to another customer.");
      }
      claimed.add(key);
    }
    Customer customer = new Customer(id, request.displayName(), request.givenName(), request.familyName(),
        request.attributes(), request.identities(), CustomerState.ACTIVE, "", List.of(), now, now, 1);
    store.insertIfAbsent(customer);
    return store.find(id).orElseThrow(() -> new IllegalStateException("a stored profile vanished"));
  }

  private boolean claim(String key, String id, Instant now) {
    Optional<String> holder = store.claimIdentity(key, id, now);
    if (holder.isEmpty()) {
      return true;
    }
    if (store.find(holder.get()).isPresent()) {
      return false;
    }
    Instant claimedAt = store.identityClaimTime(key).orElse(now);
    if (Duration.between(claimedAt, now).compareTo(ABANDONED_CLAIM_AGE) < 0) {
      // Another create may still be storing its profile: do not steal the key from it.
      return false;
    }
    return store.takeOverIdentity(key, holder.get(), id, now);
  }

  /**
   * The profile with this id.
   *
   * @throws NotFoundException if there is none
   */
  public Customer get(String id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("customers/" + id));
  }
}
