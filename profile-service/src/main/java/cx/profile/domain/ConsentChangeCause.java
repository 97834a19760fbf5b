package cx.profile.domain;

/** Why a consent changed. */
public enum ConsentChangeCause {
  /** The customer decided, directly or through an agent or a channel. */
  DECISION,
  /** A merge combined two profiles and the most restrictive decision won. */
  MERGE,
  /** An unmerge restored the decisions the survivor had before the merge. */
  UNMERGE
}
