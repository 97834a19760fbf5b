package cx.profile.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a customer's consent history. Entries are appended and never changed.
 *
 * @param id the entry's random id, unique within the customer
 * @param customerId the profile the change was recorded on
 * @param sequence the entry's position in that profile's history, from 1
 * @param operationId the change, merge or unmerge that wrote it
 * @param decision the decision as stored; status {@link ConsentStatus#NONE} when an unmerge
 *     removed a decision the merge had added
 * @param previousStatus the pair's status before the entry
 * @param mergeId the merge behind a MERGE or UNMERGE entry, otherwise empty
 */
public record ConsentChange(String id, String customerId, long sequence, String operationId, ConsentDecision decision,
    ConsentStatus previousStatus, ConsentChangeCause cause, String mergeId) {

  public ConsentChange {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(previousStatus, "previousStatus");
    Objects.requireNonNull(cause, "cause");
    mergeId = mergeId == null ? "" : mergeId;
  }

  /** When the decision was made: the history's order, newest first, ties broken by id. */
  public Instant decideTime() {
    return decision.decideTime();
  }
}
