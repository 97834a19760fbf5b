package cx.profile.domain;

import java.time.Instant;
import java.util.List;

/**
 * Customers that identity resolution found linked by identifiers it could not trust enough to
 * merge them by itself: a question for an agent.
 *
 * @param id derived from the set of customer ids, so one set has one candidate
 * @param linkingKeys the identity keys that linked them
 * @param state {@code OPEN}, {@code MERGED}, {@code DISMISSED} or {@code OBSOLETE}
 */
public record MergeCandidate(String id, List<String> customerIds, List<String> linkingKeys, String channel,
    String rule, int sightingCount, Instant lastSightingTime, String state, String mergeId, String resolvedBy,
    String resolveReason, Instant createTime, Instant updateTime, long version) {

  public static final String OPEN = "OPEN";
  public static final String MERGED = "MERGED";
  public static final String DISMISSED = "DISMISSED";
  public static final String OBSOLETE = "OBSOLETE";

  public MergeCandidate {
    customerIds = List.copyOf(customerIds);
    linkingKeys = List.copyOf(linkingKeys);
  }
}
