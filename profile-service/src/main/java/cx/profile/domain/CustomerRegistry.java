package cx.profile.domain;

import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.CustomerEventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates, finds and changes customer profiles and their identities.
 *
 * <p>Who holds an identity is decided by its claim (one per identity key, unique in the store);
 * the profile lists the identities it holds. Changing both is two writes without a transaction,
 * so every operation is written to be repeated: claiming a key this customer holds succeeds,
 * storing a profile that exists is a no-op, and a claim that its holder's profile does not list
 * (left behind by an operation cut off half-way) is taken over once it is older than
 * {@link #ABANDONED_CLAIM_AGE}. Readers trust a claim only when the profile lists it too.
 */
public final class CustomerRegistry {

  /** How old a claim without a matching profile must be before another customer may take it. */
  public static final Duration ABANDONED_CLAIM_AGE = Duration.ofMinutes(2);

  /** The shortest name prefix a search takes: one letter would match a large part of every list. */
  public static final int MIN_NAME_PREFIX = 2;
  /** The longest name prefix a search takes. */
  public static final int MAX_NAME_PREFIX = 100;

  private static final int MAX_MERGE_HOPS = 16;
  private static final int MAX_ATTEMPTS = 5;
  private static final Set<String> UPDATABLE_PATHS = Set.of("display_name", "given_name", "family_name",
      "attributes", "attributes.locale", "attributes.time_zone", "attributes.loyalty_tier", "attributes.traits");
  /** The update-mask path of one trait, followed by its key. */
  private static final String ONE_TRAIT = "attributes.traits.";

  private final CustomerStore store;
  private final IdentityRules rules;
  private final MergeRepair mergeRepair;
  private final CustomerEventLog events;
  private final ProfileAudit audit;
  private final Clock clock;

  public CustomerRegistry(CustomerStore store, IdentityRules rules, MergeRepair mergeRepair, CustomerEventLog events,
      ProfileAudit audit, Clock clock) {
    this.store = store;
    this.rules = rules;
    this.mergeRepair = mergeRepair;
    this.events = events;
    this.audit = audit;
    this.clock = clock;
  }

  /** Records a change on the customer's timeline; the event id makes a repeat keep one. */
  private void event(Customer customer, String eventId, String kind, String channel, String summary) {
    events.record(new CustomerEvent(eventId, customer.id(), customer.updateTime(), kind, channel, summary,
        customer.name(), List.of(), Map.of()));
  }

  private static String describe(Identity identity) {
    return switch (identity.type()) {
      case EMAIL -> "email";
      case PHONE -> "phone number";
      case LOYALTY_ID -> "loyalty id";
      case SOCIAL_HANDLE -> identity.network() + " handle";
      case DEVICE_ID -> "device";
      case EXTERNAL_ID -> identity.system() + " id";
    };
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
    checkAttachable(request.identities(), "customer.identities");
    Instant now = clock.instant();
    List<String> claimed = new ArrayList<>();
    for (int i = 0; i < request.identities().size(); i++) {
      String key = request.identities().get(i).key();
      Optional<String> holder = claim(key, id, now);
      if (holder.isPresent()) {
        claimed.forEach(k -> store.releaseIdentity(k, id));
        throw new AlreadyExistsException("IDENTITY_IN_USE",
            "customer.identities[" + i + "] already belongs to another customer.", Map.of("customer", "customers/" + holder.get()));
      }
      claimed.add(key);
    }
    Map<String, Instant> times = new HashMap<>();
    for (String path : List.of("attributes.locale", "attributes.time_zone", "attributes.loyalty_tier")) {
      times.put(path, now);
    }
    Customer customer = new Customer(id, request.displayName(), request.givenName(), request.familyName(),
        request.attributes(), times, request.identities(), CustomerState.ACTIVE, "", List.of(), "", now, now, 1);
    store.insertIfAbsent(customer);
    Customer stored = store.find(id).orElseThrow(() -> new IllegalStateException("a stored profile vanished"));
    event(stored, "created-" + id, "profile.created", "", "Profile created with " + stored.identities().size()
        + " identifier(s)");
    return stored;
  }

  /** A profile as asked for and the active profile that answers for it. */
  public record Resolved(Customer customer, String requestedId) {
    /** Whether the id asked for was merged into the returned profile. */
    public boolean viaAlias() {
      return !customer.id().equals(requestedId);
    }
  }

  /**
   * The profile with this id; for a merged id, the profile it was merged into (an unfinished
   * merge on the way is finished first).
   *
   * @throws NotFoundException if there is none
   */
  public Resolved get(String id) {
    Customer customer = load(id);
    for (int hops = 0; customer.state() == CustomerState.MERGED && hops < MAX_MERGE_HOPS; hops++) {
      customer = load(customer.mergedInto());
    }
    return new Resolved(customer, id);
  }

  /** Like {@link #get}, but the profile must be active (not erased). */
  public Customer getActive(String id) {
    Customer customer = get(id).customer();
    if (customer.state() != CustomerState.ACTIVE) {
      throw new FailedPreconditionException("CUSTOMER_ERASED", customer.name() + " was erased.");
    }
    return customer;
  }

  private Customer load(String id) {
    Customer customer = store.find(id).orElseThrow(() -> new NotFoundException("customers/" + id));
    if (!customer.pendingMerge().isEmpty()) {
      mergeRepair.finish(customer.pendingMerge());
      customer = store.find(id).orElseThrow(() -> new NotFoundException("customers/" + id));
    }
    return customer;
  }

  /** What a caller may change about a profile, with the mask that says which parts to take. */
  public record Changes(String displayName, String givenName, String familyName, Attributes attributes) {
  }

  /**
   * Changes exactly the fields named by {@code paths} (proto field paths such as
   * {@code display_name} or {@code attributes.locale}).
   *
   * @param expectedVersion 0 to apply to whatever version is current
   * @throws ConcurrentUpdateException if the profile is not at {@code expectedVersion}
   */
  public Customer update(String id, Changes changes, List<String> paths, long expectedVersion) {
    if (paths.isEmpty()) {
      throw InvalidArgumentException.of("update_mask", "must name at least one field");
    }
    Set<String> traitKeys = new LinkedHashSet<>();
    for (String path : paths) {
      if (path.startsWith(ONE_TRAIT)) {
        String key = path.substring(ONE_TRAIT.length());
        if (!NewCustomer.isTraitKey(key)) {
          throw InvalidArgumentException.of("update_mask", "'" + path + "' does not name a trait: "
              + NewCustomer.TRAIT_KEY_RULE);
        }
        traitKeys.add(key);
      } else if (!UPDATABLE_PATHS.contains(path)) {
        throw InvalidArgumentException.of("update_mask", "'" + path + "' cannot be updated; updatable are " +
            String.join(", ", UPDATABLE_PATHS.stream().sorted().toList()) + " and " + ONE_TRAIT + "<key>");
      }
    }
    List<FieldViolation> violations = new ArrayList<>();
    NewCustomer.checkDetails(changes.displayName(), changes.givenName(), changes.familyName(), changes.attributes(),
        violations);
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
    Changes checked = changes;
    for (int attempt = 0; ; attempt++) {
      Customer current = getActive(id);
      checkVersion(current, expectedVersion);
      Instant now = clock.instant();
      Attributes a = current.attributes();
      Map<String, Instant> times = new HashMap<>(current.attributeTimes());
      String displayName = paths.contains("display_name") ? checked.displayName() : current.displayName();
      String givenName = paths.contains("given_name") ? checked.givenName() : current.givenName();
      String familyName = paths.contains("family_name") ? checked.familyName() : current.familyName();
      boolean all = paths.contains("attributes");
      String locale = pick(all || paths.contains("attributes.locale"), checked.attributes().locale(), a.locale(),
          "attributes.locale", times, now);
      String timeZone = pick(all || paths.contains("attributes.time_zone"), checked.attributes().timeZone(),
          a.timeZone(), "attributes.time_zone", times, now);
      String tier = pick(all || paths.contains("attributes.loyalty_tier"), checked.attributes().loyaltyTier(),
          a.loyaltyTier(), "attributes.loyalty_tier", times, now);
      Map<String, String> traits = a.traits();
      if (all || paths.contains("attributes.traits")) {
        traits = checked.attributes().traits();
        times.put("attributes.traits", now);
      } else if (!traitKeys.isEmpty()) {
        traits = withTraits(a.traits(), checked.attributes().traits(), traitKeys);
        times.put("attributes.traits", now);
      }
      Customer updated = current.withDetails(displayName, givenName, familyName,
          new Attributes(locale, timeZone, tier, traits), times, now);
      if (store.replace(updated, current.version())) {
        return updated;
      }
      retryOrConflict(current, expectedVersion, attempt);
    }
  }

  /**
   * The current traits with each named key set to its given value, or removed when the request
   * does not hold it.
   *
   * @throws InvalidArgumentException if the result would hold more traits than a profile may
   */
  private static Map<String, String> withTraits(Map<String, String> current, Map<String, String> given,
      Set<String> keys) {
    Map<String, String> traits = new LinkedHashMap<>(current);
    for (String key : keys) {
      if (given.containsKey(key)) {
        traits.put(key, given.get(key));
      } else {
        traits.remove(key);
      }
    }
    if (traits.size() > NewCustomer.MAX_TRAITS) {
      throw InvalidArgumentException.of("customer.attributes.traits",
          "would hold more than " + NewCustomer.MAX_TRAITS + " traits");
    }
    return traits;
  }

  private static String pick(boolean take, String given, String current, String path, Map<String, Instant> times,
      Instant now) {
    if (!take) {
      return current;
    }
    times.put(path, now);
    return given;
  }

  /**
   * Attaches an identity to a profile. Attaching one the profile holds changes nothing, except
   * that an unverified identity can become verified.
   */
  public Customer addIdentity(String id, Identity identity, long expectedVersion) {
    checkAttachable(List.of(identity), "identity");
    for (int attempt = 0; ; attempt++) {
      Customer current = getActive(id);
      checkVersion(current, expectedVersion);
      Optional<Identity> held = current.identity(identity.key());
      Instant now = clock.instant();
      List<Identity> identities = new ArrayList<>(current.identities());
      if (held.isPresent()) {
        if (held.get().verified() || !identity.verified()) {
          claim(identity.key(), current.id(), now);
          return current;
        }
        identities.set(identities.indexOf(held.get()), new Identity(identity.type(), identity.value(),
            identity.network(), identity.system(), true, held.get().firstSeenChannel(), held.get().createTime()));
      } else {
        if (current.count(identity.type()) >= rules.cap(identity.type())) {
          throw new FailedPreconditionException("IDENTITY_CAP_EXCEEDED", current.name() + " already holds "
              + rules.cap(identity.type()) + " identities of this type.");
        }
        Optional<String> holder = claim(identity.key(), current.id(), now);
        if (holder.isPresent()) {
          throw new AlreadyExistsException("IDENTITY_IN_USE", "The identity already belongs to another customer.",
              Map.of("customer", "customers/" + holder.get()));
        }
        identities.add(new Identity(identity.type(), identity.value(), identity.network(), identity.system(),
            identity.verified(), identity.firstSeenChannel(), now));
      }
      Customer updated = current.withIdentities(identities, now);
      if (store.replace(updated, current.version())) {
        String action = held.isPresent() ? "IDENTITY_VERIFIED" : "IDENTITY_ADDED";
        event(updated, "identity-" + updated.version(), "identity.added", identity.firstSeenChannel(),
            (held.isPresent() ? "Verified " : "Added ") + describe(identity));
        audit.record(updated.id(), action, "", "", "", Map.of("identity_type", identity.type().name()));
        return updated;
      }
      retryOrConflict(current, expectedVersion, attempt);
    }
  }

  /** Detaches an identity from a profile; another customer may then claim it. */
  public Customer removeIdentity(String id, String key, long expectedVersion) {
    for (int attempt = 0; ; attempt++) {
      Customer current = getActive(id);
      checkVersion(current, expectedVersion);
      Identity held = current.identity(key).orElseThrow(() ->
          new NotFoundException("IDENTITY_NOT_FOUND", current.name() + " does not hold this identity."));
      List<Identity> identities = new ArrayList<>(current.identities());
      identities.remove(held);
      Customer updated = current.withIdentities(identities, clock.instant());
      if (store.replace(updated, current.version())) {
        store.releaseIdentity(key, current.id());
        event(updated, "identity-" + updated.version(), "identity.removed", "", "Removed " + describe(held));
        audit.record(updated.id(), "IDENTITY_REMOVED", "", "", "", Map.of("identity_type", held.type().name()));
        return updated;
      }
      retryOrConflict(current, expectedVersion, attempt);
    }
  }

  /**
   * The active customer holding an identity.
   *
   * @throws NotFoundException if no active customer holds it
   */
  public Customer lookup(Identity identity) {
    return holder(identity.key()).orElseThrow(() -> new NotFoundException("RESOURCE_NOT_FOUND",
        "No customer holds this identifier."));
  }

  /** The active customer holding a key, trusting the claim only when the profile lists the key. */
  public Optional<Customer> holder(String key) {
    Optional<String> holderId = store.identityHolder(key);
    if (holderId.isEmpty()) {
      return Optional.empty();
    }
    Customer customer;
    try {
      customer = get(holderId.get()).customer();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    if (customer.state() != CustomerState.ACTIVE || customer.identity(key).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(customer);
  }

  /** Active customers whose name starts with a prefix, in name order, after a position. */
  public List<Customer> searchByName(String prefix, String afterName, String afterId, int limit) {
    String lower = prefix.strip().toLowerCase(Locale.ROOT);
    int length = lower.codePointCount(0, lower.length());
    if (length < MIN_NAME_PREFIX || length > MAX_NAME_PREFIX) {
      throw InvalidArgumentException.of("name_prefix",
          "must be " + MIN_NAME_PREFIX + " to " + MAX_NAME_PREFIX + " characters");
    }
    return store.searchByNamePrefix(lower, afterName, afterId, limit);
  }

  /**
   * Claims a key for a customer, taking it over from a holder whose profile does not list it
   * (or no longer exists) once that claim is old enough to be abandoned.
   *
   * @return empty if the customer holds the key now, otherwise the id of the active holder
   */
  Optional<String> claim(String key, String id, Instant now) {
    Optional<String> holder = store.claimIdentity(key, id, now);
    if (holder.isEmpty()) {
      return Optional.empty();
    }
    Optional<Customer> live = holder(key);
    if (live.isPresent()) {
      return live.get().id().equals(id) ? Optional.empty() : Optional.of(live.get().id());
    }
    Instant claimedAt = store.identityClaimTime(key).orElse(now);
    if (Duration.between(claimedAt, now).compareTo(ABANDONED_CLAIM_AGE) < 0) {
      // Another operation may still be storing its profile: do not steal the key from it.
      return holder;
    }
    return store.moveIdentity(key, holder.get(), id, now) ? Optional.empty() : store.identityHolder(key);
  }

  /** Refuses blocked identifiers, naming the field. */
  private void checkAttachable(List<Identity> identities, String field) {
    for (int i = 0; i < identities.size(); i++) {
      String reason = rules.blockedReason(identities.get(i));
      if (!reason.isEmpty()) {
        String path = identities.size() == 1 && field.equals("identity") ? field + ".value" : field + "[" + i + "].value";
        throw InvalidArgumentException.of(path, reason);
      }
    }
  }

  private static void checkVersion(Customer current, long expectedVersion) {
    if (expectedVersion != 0 && expectedVersion != current.version()) {
      throw new ConcurrentUpdateException(current.name(), current.version());
    }
  }

  private static void retryOrConflict(Customer current, long expectedVersion, int attempt) {
    if (expectedVersion != 0 || attempt + 1 >= MAX_ATTEMPTS) {
      throw new ConcurrentUpdateException(current.name());
    }
  }
}
