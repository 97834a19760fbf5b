package cx.feedback.domain;

/** Why a follow-up case was opened. */
public enum FollowUpTrigger {
  /** An NPS response scored 0 to 6. */
  NPS_DETRACTOR,
  /** A CSAT response scored 1 or 2. */
  CSAT_DISSATISFIED
}
