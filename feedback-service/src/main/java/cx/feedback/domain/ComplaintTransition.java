package cx.feedback.domain;

/**
 * The moves of a complaint's lifecycle: OPEN -> ACKNOWLEDGED -> IN_PROGRESS -> RESOLVED ->
 * CLOSED, and back from RESOLVED to IN_PROGRESS on a reopen. CLOSED is final; there is no
 * other move.
 */
public enum ComplaintTransition {
  ACKNOWLEDGE(ComplaintState.OPEN, ComplaintState.ACKNOWLEDGED, ComplaintUpdateKind.ACKNOWLEDGED, false),
  START_WORK(ComplaintState.ACKNOWLEDGED, ComplaintState.IN_PROGRESS, ComplaintUpdateKind.WORK_STARTED, false),
  /** Needs a note: the resolution, explained to the customer. */
  RESOLVE(ComplaintState.IN_PROGRESS, ComplaintState.RESOLVED, ComplaintUpdateKind.RESOLVED, true),
  /** Needs a note: why the problem is not solved. */
  REOPEN(ComplaintState.RESOLVED, ComplaintState.IN_PROGRESS, ComplaintUpdateKind.REOPENED, true),
  CLOSE(ComplaintState.RESOLVED, ComplaintState.CLOSED, ComplaintUpdateKind.CLOSED, false);

  private final ComplaintState from;
  private final ComplaintState to;
  private final ComplaintUpdateKind recordedAs;
  private final boolean needsNote;

  ComplaintTransition(ComplaintState from, ComplaintState to, ComplaintUpdateKind recordedAs, boolean needsNote) {
    this.from = from;
    this.to = to;
    this.recordedAs = recordedAs;
    this.needsNote = needsNote;
  }

  /** The only state the move is allowed from. */
  public ComplaintState from() {
    return from;
  }

  public ComplaintState to() {
    return to;
  }

  /** The kind of the update that records the move. */
  public ComplaintUpdateKind recordedAs() {
    return recordedAs;
  }

  /** Whether the move must explain itself to the customer with a note. */
  public boolean needsNote() {
    return needsNote;
  }

  /** Whether a complaint in {@code state} may make this move. */
  public boolean isAllowedFrom(ComplaintState state) {
    return state == from;
  }
}
