package cx.profile.domain;

/** Finishes a merge or unmerge that was cut off half-way. */
@FunctionalInterface
public interface MergeRepair {

  /** Completes the merge or unmerge with this id; does nothing if it is finished. */
  void finish(String mergeId);
}
