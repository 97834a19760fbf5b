package cx.feedback.domain;

/** Where a follow-up case is: OPEN until an agent closes it; CLOSED is final. */
public enum FollowUpState {
  OPEN, CLOSED
}
