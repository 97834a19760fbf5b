package cx.feedback.domain;

/** How a follow-up case ended. */
public enum FollowUpOutcome {
  RESOLVED, ESCALATED_TO_COMPLAINT, CUSTOMER_UNREACHABLE, NO_ACTION_NEEDED
}
