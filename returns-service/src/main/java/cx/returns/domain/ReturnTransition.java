package cx.returns.domain;

/** The changes that move a return from one state to another, each one custom method of the API. */
public enum ReturnTransition {
  APPROVE("approved"),
  REJECT("rejected"),
  MARK_IN_TRANSIT("marked in transit"),
  RECEIVE("received"),
  INSPECT("inspected"),
  REFUND("refunded"),
  EXCHANGE("exchanged"),
  ISSUE_CREDIT("credited"),
  CANCEL("cancelled"),
  EXPIRE("expired");

  private final String pastTense;

  ReturnTransition(String pastTense) {
    this.pastTense = pastTense;
  }

  /** How the transition reads in a sentence: "cannot be {pastTense}". */
  public String pastTense() {
    return pastTense;
  }
}
