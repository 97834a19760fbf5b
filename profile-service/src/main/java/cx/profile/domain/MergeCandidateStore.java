package cx.profile.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where merge candidates are kept. */
public interface MergeCandidateStore {

  /**
   * Records a sighting of linked customers: creates the candidate for their id set, or counts one
   * more sighting of it (whatever its state).
   */
  MergeCandidate sighted(String id, List<String> customerIds, List<String> linkingKeys, String channel, String rule,
      Instant now);

  /** One candidate. */
  Optional<MergeCandidate> find(String id);

  /** Replaces a candidate if it still has {@code expectedVersion}. */
  boolean replace(MergeCandidate candidate, long expectedVersion);

  /**
   * Removes the identity keys (personal data) from every candidate naming the customer.
   *
   * @return how many candidates changed
   */
  long forgetLinks(String customerId);

  /** Candidates newest first after a position, optionally only those in one state. */
  List<MergeCandidate> list(String state, String afterId, int limit);
}
