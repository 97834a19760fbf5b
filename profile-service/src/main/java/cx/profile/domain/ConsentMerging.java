package cx.profile.domain;

import java.time.Instant;

/** What a merge and an unmerge do to consents, which are kept outside the profile document. */
public interface ConsentMerging {

  /** Makes the survivor's consents the most restrictive of both; idempotent on the merge id. */
  void mergeInto(String survivorId, String mergedId, String mergeId, Instant now);

  /** Restores the survivor's consents from before that merge; idempotent on the merge id. */
  void undoMerge(String survivorId, String mergedId, String mergeId, Instant now);
}
