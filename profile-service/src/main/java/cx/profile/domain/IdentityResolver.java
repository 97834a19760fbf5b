package cx.profile.domain;

import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the identifiers a channel saw into one customer (Identify).
 *
 * <ul>
 *   <li>None known: a new customer holding them all. Concurrent calls with the same new
 *       identifier race on its claim; the losers find the winner and match it.</li>
 *   <li>All known to one customer, or some new: that customer, with the new ones attached.</li>
 *   <li>Known to several customers: merged into the oldest when every one of them is matched by
 *       an identifier the caller marked verified; otherwise a merge candidate is recorded for an
 *       agent and nothing is moved.</li>
 * </ul>
 * Blocked values never attach and never link; identities beyond a type's cap are left out.
 */
public final class IdentityResolver {

  private static final int MAX_ATTEMPTS = 5;

  private final CustomerRegistry registry;
  private final CustomerMerger merger;
  private final MergeCandidateStore candidates;
  private final IdentityRules rules;
  private final Clock clock;

  public IdentityResolver(CustomerRegistry registry, CustomerMerger merger, MergeCandidateStore candidates,
      IdentityRules rules, Clock clock) {
    this.registry = registry;
    this.merger = merger;
    this.candidates = candidates;
    this.rules = rules;
    this.clock = clock;
  }

  /** What Identify was given. */
  public record Sighting(List<Identity> identities, String channel, String displayName, Attributes attributes,
      String actor) {
  }

  /** An identifier that was not attached, and why. */
  public record Rejected(Identity identity, String reason) {
  }

  /** What Identify did. */
  public record Resolution(Customer customer, String outcome, List<Identity> attached, List<Rejected> rejected,
      List<MergeRecord> merges, String candidateId) {
  }

  /**
   * Resolves a sighting.
   *
   * @param newCustomerId the id a new customer gets (derived from the request id for retries)
   */
  public Resolution identify(Sighting sighting, String newCustomerId) {
    List<Rejected> rejected = new ArrayList<>();
    List<Identity> usable = new ArrayList<>();
    for (Identity identity : sighting.identities()) {
      String blocked = rules.blockedReason(identity);
      if (!blocked.isEmpty()) {
        rejected.add(new Rejected(identity, blocked));
      } else if (usable.stream().noneMatch(u -> u.key().equals(identity.key()))) {
        usable.add(identity);
      }
    }
    if (usable.isEmpty()) {
      throw new FailedPreconditionException("NO_USABLE_IDENTIFIER",
          "Every identifier given is blocked; none can identify a customer.");
    }
    for (int attempt = 0; ; attempt++) {
      try {
        return resolve(sighting, usable, rejected, newCustomerId);
      } catch (AlreadyExistsException | ConcurrentUpdateException raced) {
        // Another call claimed an identifier between our look and our write: look again.
        if (attempt + 1 >= MAX_ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  private Resolution resolve(Sighting sighting, List<Identity> usable, List<Rejected> rejected, String newCustomerId) {
    Optional<Customer> ours = Optional.empty();
    try {
      ours = Optional.of(registry.get(newCustomerId).customer());
    } catch (NotFoundException notYet) {
      // No customer was created for this request yet.
    }
    Map<String, Customer> holders = new LinkedHashMap<>();
    Map<String, Boolean> verifiedMatch = new LinkedHashMap<>();
    List<Identity> unheld = new ArrayList<>();
    for (Identity identity : usable) {
      Optional<Customer> holder = registry.holder(identity.key());
      if (holder.isPresent()) {
        holders.putIfAbsent(holder.get().id(), holder.get());
        verifiedMatch.merge(holder.get().id(), identity.verified(), Boolean::logicalOr);
      } else {
        unheld.add(identity);
      }
    }
    if (holders.isEmpty()) {
      List<Identity> withinCaps = withinCaps(List.of(), unheld, rejected);
      Customer created = registry.create(newCustomerId, new NewCustomer(sighting.displayName(), "", "",
          sighting.attributes(), withinCaps));
      String outcome = ours.isPresent() ? "MATCHED" : "CREATED";
      return new Resolution(created, outcome, withinCaps, rejected, List.of(), "");
    }
    List<Customer> matched = new ArrayList<>(holders.values());
    matched.sort(Comparator.comparing(Customer::createTime).thenComparing(Customer::id));
    List<MergeRecord> merges = new ArrayList<>();
    String candidateId = "";
    Customer target;
    String outcome;
    if (matched.size() == 1) {
      target = matched.get(0);
      outcome = ours.filter(o -> o.id().equals(matched.get(0).id())).isPresent() ? "CREATED" : "MATCHED";
    } else if (matched.stream().allMatch(c -> verifiedMatch.get(c.id())) && mergeAll(matched, sighting, merges)) {
      target = registry.getActive(matched.get(0).id());
      outcome = "MERGED";
    } else {
      target = matched.stream().filter(c -> verifiedMatch.get(c.id())).findFirst().orElse(matched.get(0));
      List<String> ids = matched.stream().map(Customer::id).sorted().toList();
      List<String> keys = usable.stream().filter(i -> registry.holder(i.key()).isPresent()).map(Identity::key).toList();
      candidateId = candidates.sighted(derivedId("candidate", ids.toArray(String[]::new)), ids, keys,
          sighting.channel(), "unverified-identifier-match", clock.instant()).id();
      outcome = "MERGE_CANDIDATE_RECORDED";
    }
    List<Identity> attached = new ArrayList<>();
    for (Identity identity : withinCaps(target.identities(), unheld, rejected)) {
      target = registry.addIdentity(target.id(), identity, 0);
      attached.add(identity);
    }
    return new Resolution(target, outcome, attached, rejected, merges, candidateId);
  }

  /**
   * Merges every matched customer into the oldest. A pair an agent separated before (its
   * automatic merge was undone) is not merged again by a machine.
   *
   * @return false if some pair was left apart, so that an agent decides
   */
  private boolean mergeAll(List<Customer> matched, Sighting sighting, List<MergeRecord> merges) {
    Customer survivor = matched.get(0);
    boolean all = true;
    for (Customer other : matched.subList(1, matched.size())) {
      String mergeId = derivedId("auto", survivor.id(), other.id());
      MergeRecord record = merger.merge(mergeId, new CustomerMerger.MergeRequest(survivor.id(), other.id(), "AUTOMATIC",
          "verified-identifier-match", sighting.actor(), "Verified identifiers seen together on "
              + (sighting.channel().isEmpty() ? "a channel" : sighting.channel()), "", 0, 0), registry).record();
      if (MergeRecord.UNMERGED.equals(record.state())) {
        all = false;
      } else {
        merges.add(record);
      }
    }
    return all;
  }

  private List<Identity> withinCaps(List<Identity> held, List<Identity> adding, List<Rejected> rejected) {
    List<Identity> within = new ArrayList<>();
    for (Identity identity : adding) {
      long count = held.stream().filter(i -> i.type() == identity.type()).count()
          + within.stream().filter(i -> i.type() == identity.type()).count();
      if (count >= rules.cap(identity.type())) {
        rejected.add(new Rejected(identity, "the customer already holds the most identities of this type allowed"));
      } else {
        within.add(identity);
      }
    }
    return within;
  }

  /** A stable id for the same inputs: the same customers always share one candidate. */
  static String derivedId(String kind, String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(kind.getBytes(StandardCharsets.UTF_8));
      for (String part : parts) {
        digest.update((byte) 0);
        digest.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
