package cx.profile.domain;

import java.util.List;

/**
 * What a merge did to the survivor's consents, kept on the survivor so that the merge can be
 * recognised when repeated and reversed by an unmerge.
 *
 * @param mergeId the merge's id
 * @param loserId the customer merged into the survivor
 * @param undone whether an unmerge has reversed it
 * @param changes each pair the merge changed, with the survivor's decision before and after
 */
public record ConsentMerge(String mergeId, String loserId, boolean undone, List<PairChange> changes) {

  public ConsentMerge {
    changes = List.copyOf(changes);
  }

  /**
   * One pair a merge changed.
   *
   * @param before the survivor's decision before the merge, or null when it had none
   * @param after the decision the merge took from the merged customer
   */
  public record PairChange(String pair, ConsentDecision before, ConsentDecision after) {
  }

  /** This merge, marked as reversed. */
  public ConsentMerge asUndone() {
    return new ConsentMerge(mergeId, loserId, true, changes);
  }
}
