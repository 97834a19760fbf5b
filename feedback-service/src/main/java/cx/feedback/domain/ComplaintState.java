package cx.feedback.domain;

/** Where a complaint is in its lifecycle; {@link ComplaintTransition} lists the legal moves. */
public enum ComplaintState {
  OPEN, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, CLOSED
}
