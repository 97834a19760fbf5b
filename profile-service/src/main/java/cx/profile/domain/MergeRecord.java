package cx.profile.domain;

import java.time.Instant;
import java.util.List;

/**
 * One merge of a profile into a survivor, and the journal that lets it finish after a crash and
 * be reversed later: it keeps both profiles as they were before the merge.
 *
 * @param trigger {@code MANUAL} (an agent) or {@code AUTOMATIC} (identity resolution)
 * @param rule the rule that decided an automatic merge, empty for manual ones
 * @param actor who asked for it
 * @param state {@code IN_PROGRESS}, {@code COMPLETED}, {@code UNMERGE_IN_PROGRESS} or {@code UNMERGED}
 */
public record MergeRecord(String id, String survivorId, String mergedId, String trigger, String rule, String actor,
    String reason, String candidateId, String state, Customer survivorBefore, Customer mergedBefore,
    List<MergePlan.AttributeResolution> resolutions, Instant createTime, Instant completeTime,
    String unmergedBy, String unmergeReason, Instant unmergeTime) {

  public static final String IN_PROGRESS = "IN_PROGRESS";
  public static final String COMPLETED = "COMPLETED";
  public static final String UNMERGE_IN_PROGRESS = "UNMERGE_IN_PROGRESS";
  public static final String UNMERGED = "UNMERGED";

  public MergeRecord {
    resolutions = List.copyOf(resolutions);
  }

  /** This record in another state. */
  public MergeRecord withState(String newState, Instant completed) {
    return new MergeRecord(id, survivorId, mergedId, trigger, rule, actor, reason, candidateId, newState,
        survivorBefore, mergedBefore, resolutions, createTime, completed, unmergedBy, unmergeReason, unmergeTime);
  }

  /** This record as being unmerged. */
  public MergeRecord unmerging(String by, String why, Instant when) {
    return new MergeRecord(id, survivorId, mergedId, trigger, rule, actor, reason, candidateId, UNMERGE_IN_PROGRESS,
        survivorBefore, mergedBefore, resolutions, createTime, completeTime, by, why, when);
  }

  /** The ids that joined the survivor. */
  public List<String> movedIds() {
    return mergedBefore.allIds();
  }
}
