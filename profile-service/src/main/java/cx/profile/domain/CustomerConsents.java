package cx.profile.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's consent book as stored: the current decision per (purpose, channel) pair, the
 * length of its history, the operations recently applied (so that a retry is recognised), the
 * merges that changed it, and the unfinished part of the last write, if any.
 *
 * @param current the current decisions keyed by {@link ConsentDecision#pair()}
 * @param version increases with every change; a change naming an older version is refused
 * @param historyLength how many history entries the customer has; they are numbered 1 to this
 * @param recentOperations the ids of the last {@link #RECENT_OPERATIONS} changes, merges and
 *     unmerges applied
 */
public record CustomerConsents(String customerId, Map<String, ConsentDecision> current, long version,
    long historyLength, List<String> recentOperations, List<ConsentMerge> merges,
    Optional<PendingConsentWrite> pending) {

  /** How many applied operation ids are remembered for recognising retries. */
  public static final int RECENT_OPERATIONS = 100;

  public CustomerConsents {
    current = Map.copyOf(current);
    recentOperations = List.copyOf(recentOperations);
    merges = List.copyOf(merges);
  }

  /** The book of a customer who has never decided anything. */
  public static CustomerConsents empty(String customerId) {
    return new CustomerConsents(customerId, Map.of(), 0, 0, List.of(), List.of(), Optional.empty());
  }

  /** The current decision for a pair, if one is recorded. */
  public Optional<ConsentDecision> decision(ConsentPurpose purpose, ConsentChannel channel) {
    return Optional.ofNullable(current.get(ConsentDecision.pair(purpose, channel)));
  }

  /** The current decisions ordered by purpose, then channel. */
  public List<ConsentDecision> decisions() {
    return current.values().stream()
        .sorted(Comparator.comparing(ConsentDecision::purpose).thenComparing(ConsentDecision::channel))
        .toList();
  }

  /** The merge with this id, if it changed this book. */
  public Optional<ConsentMerge> merge(String mergeId) {
    return merges.stream().filter(m -> m.mergeId().equals(mergeId)).findFirst();
  }

  /** The book after an operation: one version on, with its pending write still to be finished. */
  CustomerConsents next(Map<String, ConsentDecision> newCurrent, List<ConsentMerge> newMerges,
      PendingConsentWrite write) {
    List<String> operations = new ArrayList<>(recentOperations);
    operations.add(write.operationId());
    if (operations.size() > RECENT_OPERATIONS) {
      operations = operations.subList(operations.size() - RECENT_OPERATIONS, operations.size());
    }
    return new CustomerConsents(customerId, newCurrent, version + 1, historyLength + write.entries().size(),
        operations, newMerges, Optional.of(write));
  }

  /** The book once its pending write is finished. */
  CustomerConsents settled() {
    return new CustomerConsents(customerId, current, version, historyLength, recentOperations, merges,
        Optional.empty());
  }

  /** A mutable copy of the current decisions, in a stable order. */
  Map<String, ConsentDecision> currentCopy() {
    Map<String, ConsentDecision> copy = new LinkedHashMap<>();
    decisions().forEach(d -> copy.put(d.pair(), d));
    return copy;
  }
}
