package cx.profile.domain;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.CustomerEventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges one profile into another and reverses merges, for agents (MergeCustomers) and for
 * identity resolution alike.
 *
 * <p>Without transactions, a merge is a journal and a series of steps that can each be repeated:
 * the record (with both profiles as they were) is written first, both profiles are marked with
 * its id, then identities' claims move to the survivor, the survivor takes the merged profile's
 * identities, ids and newer attributes, consents are combined, the merged profile becomes
 * MERGED, and the record is completed. Whoever next reads either profile — or the service at
 * start-up — finishes a merge that was cut off, so no identity is ever left on two profiles or
 * on none. An unmerge runs the same way backwards from the record.
 */
public final class CustomerMerger implements MergeRepair {

  private final CustomerStore store;
  private final MergeJournal journal;
  private final IdentityRules rules;
  private final ConsentMerging consents;
  private final CustomerEventLog events;
  private final ProfileAudit audit;
  private final Clock clock;

  public CustomerMerger(CustomerStore store, MergeJournal journal, IdentityRules rules, ConsentMerging consents,
      CustomerEventLog events, ProfileAudit audit, Clock clock) {
    this.store = store;
    this.journal = journal;
    this.rules = rules;
    this.consents = consents;
    this.events = events;
    this.audit = audit;
    this.clock = clock;
  }

  /** A merge request. */
  public record MergeRequest(String survivorId, String mergedId, String trigger, String rule, String actor,
      String reason, String candidateId, long expectedSurvivorVersion, long expectedMergedVersion) {
  }

  /** The survivor after a merge and its record. */
  public record MergeOutcome(Customer survivor, MergeRecord record) {
  }

  /** What a merge would do, and what would stop it. */
  public record Preview(Customer survivor, Customer merged, MergePlan plan, List<String> blockers) {
  }

  /**
   * Merges {@code mergedId} into {@code survivorId} under the record id {@code mergeId} (derived
   * from the caller's request id, so a retry continues the same merge).
   */
  public MergeOutcome merge(String mergeId, MergeRequest request, CustomerRegistry registry) {
    Optional<MergeRecord> existing = journal.find(mergeId);
    if (existing.isPresent()) {
      finish(mergeId);
      MergeRecord record = journal.find(mergeId).orElseThrow();
      return new MergeOutcome(registry.get(record.survivorId()).customer(), record);
    }
    Customer survivor = registry.getActive(request.survivorId());
    CustomerRegistry.Resolved mergedResolved = registry.get(request.mergedId());
    if (mergedResolved.customer().id().equals(survivor.id())) {
      if (request.survivorId().equals(request.mergedId()) || survivor.id().equals(request.mergedId())) {
        throw InvalidArgumentException.of("merged_customer", "must be another customer than the survivor");
      }
      // Already joined: answer with the merge that did it.
      MergeRecord joined = journal.latestCompletedFor(request.mergedId())
          .orElseThrow(() -> new NotFoundException("customers/" + request.mergedId()));
      return new MergeOutcome(survivor, joined);
    }
    Customer merged = mergedResolved.customer();
    if (merged.state() != CustomerState.ACTIVE) {
      throw new FailedPreconditionException("CUSTOMER_ERASED", merged.name() + " was erased.");
    }
    checkVersion(survivor, request.expectedSurvivorVersion());
    checkVersion(merged, request.expectedMergedVersion());
    MergePlan plan = MergePlan.of(survivor, merged);
    List<IdentityType> overCap = plan.typesOverCap(rules);
    if (!overCap.isEmpty()) {
      throw new FailedPreconditionException("IDENTITY_CAP_EXCEEDED",
          "The survivor would hold more identities than allowed of type " + overCap.get(0) + ".");
    }
    Instant now = clock.instant();
    journal.insertIfAbsent(new MergeRecord(mergeId, survivor.id(), merged.id(), request.trigger(), request.rule(),
        request.actor(), request.reason(), request.candidateId(), MergeRecord.IN_PROGRESS, survivor, merged,
        plan.resolutions(), now, null, "", "", null));
    finish(mergeId);
    MergeRecord record = journal.find(mergeId).orElseThrow();
    return new MergeOutcome(store.find(record.survivorId()).orElseThrow(), record);
  }

  /** What merging would do, changing nothing. */
  public Preview preview(String survivorId, String mergedId, CustomerRegistry registry) {
    Customer survivor = registry.getActive(survivorId);
    Customer merged = registry.get(mergedId).customer();
    List<String> blockers = new ArrayList<>();
    if (merged.id().equals(survivor.id())) {
      blockers.add("ALREADY_MERGED");
    }
    if (merged.state() == CustomerState.ERASED) {
      blockers.add("CUSTOMER_ERASED");
    }
    MergePlan plan = MergePlan.of(survivor, merged);
    if (!plan.typesOverCap(rules).isEmpty()) {
      blockers.add("IDENTITY_CAP_EXCEEDED");
    }
    Customer after = new Customer(survivor.id(), survivor.displayName(), survivor.givenName(), survivor.familyName(),
        plan.attributes(), plan.attributeTimes(), plan.identities(), survivor.state(), "", plan.mergedIds(), "",
        survivor.createTime(), survivor.updateTime(), survivor.version());
    return new Preview(after, merged, plan, blockers);
  }

  /**
   * Reverses the latest completed merge of {@code mergedId} into {@code survivorId}.
   *
   * @throws FailedPreconditionException reason {@code NOT_MERGED} if it is not merged into it
   */
  public MergeRecord unmerge(String survivorId, String mergedId, String actor, String reason, long expectedVersion,
      CustomerRegistry registry) {
    Customer survivor = registry.getActive(survivorId);
    Customer merged = store.find(mergedId).orElseThrow(() -> new NotFoundException("customers/" + mergedId));
    MergeRecord record = journal.latestCompletedFor(mergedId)
        .filter(r -> merged.state() == CustomerState.MERGED && r.survivorId().equals(survivor.id()))
        .orElseThrow(() -> new FailedPreconditionException("NOT_MERGED",
            "customers/" + mergedId + " is not merged into " + survivor.name() + "."));
    checkVersion(survivor, expectedVersion);
    journal.transition(record.unmerging(actor, reason, clock.instant()), MergeRecord.COMPLETED);
    finish(record.id());
    return journal.find(record.id()).orElseThrow();
  }

  @Override
  public void finish(String mergeId) {
    MergeRecord record = journal.find(mergeId).orElse(null);
    if (record == null) {
      return;
    }
    switch (record.state()) {
      case MergeRecord.IN_PROGRESS -> completeMerge(record);
      case MergeRecord.UNMERGE_IN_PROGRESS -> completeUnmerge(record);
      default -> clearPending(record);
    }
  }

  /** Finishes every merge and unmerge left half-way, e.g. by a crash. */
  public int repairUnfinished() {
    List<MergeRecord> unfinished = journal.unfinished();
    unfinished.forEach(r -> finish(r.id()));
    return unfinished.size();
  }

  private void completeMerge(MergeRecord record) {
    store.setPendingMerge(record.survivorId(), record.id());
    store.setPendingMerge(record.mergedId(), record.id());
    Instant now = clock.instant();
    for (Identity identity : record.mergedBefore().identities()) {
      store.moveIdentity(identity.key(), record.mergedId(), record.survivorId(), now);
    }
    applyToSurvivor(record, now);
    consents.mergeInto(record.survivorId(), record.mergedId(), record.id(), now);
    retireMerged(record, now);
    journal.transition(record.withState(MergeRecord.COMPLETED, now), MergeRecord.IN_PROGRESS);
    clearPending(record);
    events.record(new CustomerEvent("merge-" + record.id(), record.survivorId(), record.createTime(), "profile.merged",
        "", "Profile " + record.mergedId() + " merged into this one", "customers/" + record.survivorId(),
        List.of("customers/" + record.mergedId()), Map.of("trigger", record.trigger())));
    audit.record(record.survivorId(), "MERGE", record.actor(), record.reason(), record.rule(),
        Map.of("merged_customer", "customers/" + record.mergedId(), "merge", "merges/" + record.id()));
  }

  private void applyToSurvivor(MergeRecord record, Instant now) {
    for (int attempt = 0; attempt < 20; attempt++) {
      Customer survivor = store.find(record.survivorId()).orElseThrow();
      if (survivor.mergedIds().contains(record.mergedId())) {
        return;
      }
      MergePlan plan = MergePlan.of(survivor, record.mergedBefore());
      Customer updated = new Customer(survivor.id(), survivor.displayName(), survivor.givenName(),
          survivor.familyName(), plan.attributes(), plan.attributeTimes(), plan.identities(), survivor.state(),
          survivor.mergedInto(), plan.mergedIds(), survivor.pendingMerge(), survivor.createTime(), now,
          survivor.version() + 1);
      if (store.replace(updated, survivor.version())) {
        return;
      }
    }
    throw new ConcurrentUpdateException("customers/" + record.survivorId());
  }

  private void retireMerged(MergeRecord record, Instant now) {
    for (int attempt = 0; attempt < 20; attempt++) {
      Customer merged = store.find(record.mergedId()).orElseThrow();
      if (merged.state() == CustomerState.MERGED) {
        return;
      }
      Customer retired = new Customer(merged.id(), merged.displayName(), merged.givenName(), merged.familyName(),
          merged.attributes(), merged.attributeTimes(), List.of(), CustomerState.MERGED, record.survivorId(),
          List.of(), merged.pendingMerge(), merged.createTime(), now, merged.version() + 1);
      if (store.replace(retired, merged.version())) {
        return;
      }
    }
    throw new ConcurrentUpdateException("customers/" + record.mergedId());
  }

  private void completeUnmerge(MergeRecord record) {
    store.setPendingMerge(record.survivorId(), record.id());
    store.setPendingMerge(record.mergedId(), record.id());
    Instant now = clock.instant();
    Customer survivorNow = store.find(record.survivorId()).orElseThrow();
    // Identities the merge moved go back, except those removed from the survivor since.
    List<Identity> returning = new ArrayList<>();
    for (Identity identity : record.mergedBefore().identities()) {
      boolean survivorHadItBefore = record.survivorBefore().identity(identity.key()).isPresent();
      if (!survivorHadItBefore && survivorNow.identity(identity.key()).isPresent()) {
        returning.add(identity);
      }
      if (!survivorHadItBefore && store.identityHolder(identity.key()).map(record.mergedId()::equals).orElse(false)) {
        returning.add(identity);
      }
    }
    List<Identity> back = returning.stream().distinct().toList();
    for (Identity identity : back) {
      store.moveIdentity(identity.key(), record.survivorId(), record.mergedId(), now);
    }
    restoreSurvivor(record, back, now);
    consents.undoMerge(record.survivorId(), record.mergedId(), record.id(), now);
    restoreMerged(record, back, now);
    journal.transition(record.withState(MergeRecord.UNMERGED, record.completeTime()), MergeRecord.UNMERGE_IN_PROGRESS);
    clearPending(record);
    events.record(new CustomerEvent("unmerge-" + record.id(), record.survivorId(), now, "profile.unmerged", "",
        "Profile " + record.mergedId() + " separated from this one", "customers/" + record.survivorId(),
        List.of("customers/" + record.mergedId()), Map.of()));
    audit.record(record.survivorId(), "UNMERGE", record.unmergedBy(), record.unmergeReason(), "",
        Map.of("restored_customer", "customers/" + record.mergedId(), "merge", "merges/" + record.id()));
  }

  private void restoreSurvivor(MergeRecord record, List<Identity> back, Instant now) {
    for (int attempt = 0; attempt < 20; attempt++) {
      Customer survivor = store.find(record.survivorId()).orElseThrow();
      if (!survivor.mergedIds().contains(record.mergedId())) {
        return;
      }
      List<Identity> identities = new ArrayList<>(survivor.identities());
      identities.removeIf(i -> back.stream().anyMatch(b -> b.key().equals(i.key())));
      List<String> mergedIds = new ArrayList<>(survivor.mergedIds());
      mergedIds.removeAll(record.movedIds());
      // Attributes the merge took from the merged profile revert, unless changed since.
      Customer before = record.survivorBefore();
      Map<String, Instant> times = new HashMap<>(survivor.attributeTimes());
      Attributes a = survivor.attributes();
      String locale = a.locale();
      String timeZone = a.timeZone();
      String tier = a.loyaltyTier();
      Map<String, String> traits = a.traits();
      for (MergePlan.AttributeResolution resolution : record.resolutions()) {
        if (!resolution.mergedWins()
            || !resolution.mergedTime().equals(survivor.attributeTimes().getOrDefault(resolution.path(), Instant.EPOCH))) {
          continue;
        }
        times.put(resolution.path(), before.attributeTimes().getOrDefault(resolution.path(), Instant.EPOCH));
        switch (resolution.path()) {
          case "attributes.locale" -> locale = before.attributes().locale();
          case "attributes.time_zone" -> timeZone = before.attributes().timeZone();
          case "attributes.loyalty_tier" -> tier = before.attributes().loyaltyTier();
          case "attributes.traits" -> traits = before.attributes().traits();
          default -> {
          }
        }
      }
      Customer updated = new Customer(survivor.id(), survivor.displayName(), survivor.givenName(),
          survivor.familyName(), new Attributes(locale, timeZone, tier, traits), times, identities, survivor.state(),
          survivor.mergedInto(), mergedIds, survivor.pendingMerge(), survivor.createTime(), now, survivor.version() + 1);
      if (store.replace(updated, survivor.version())) {
        return;
      }
    }
    throw new ConcurrentUpdateException("customers/" + record.survivorId());
  }

  private void restoreMerged(MergeRecord record, List<Identity> back, Instant now) {
    for (int attempt = 0; attempt < 20; attempt++) {
      Customer merged = store.find(record.mergedId()).orElseThrow();
      if (merged.state() == CustomerState.ACTIVE) {
        return;
      }
      Customer before = record.mergedBefore();
      Customer restored = new Customer(merged.id(), before.displayName(), before.givenName(), before.familyName(),
          before.attributes(), before.attributeTimes(), back, CustomerState.ACTIVE, "", before.mergedIds(),
          merged.pendingMerge(), merged.createTime(), now, merged.version() + 1);
      if (store.replace(restored, merged.version())) {
        return;
      }
    }
    throw new ConcurrentUpdateException("customers/" + record.mergedId());
  }

  private void clearPending(MergeRecord record) {
    for (String id : List.of(record.survivorId(), record.mergedId())) {
      store.find(id).filter(c -> c.pendingMerge().equals(record.id())).ifPresent(c -> store.setPendingMerge(id, ""));
    }
  }

  private static void checkVersion(Customer customer, long expectedVersion) {
    if (expectedVersion != 0 && expectedVersion != customer.version()) {
      throw new ConcurrentUpdateException(customer.name(), customer.version());
    }
  }
}
