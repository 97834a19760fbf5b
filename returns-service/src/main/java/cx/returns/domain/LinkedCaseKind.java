package cx.returns.domain;

/** The kinds of feedback-service resources a return can be linked to. */
public enum LinkedCaseKind {
  COMPLAINT("complaints"), SURVEY_RESPONSE("responses");

  private final String collection;

  LinkedCaseKind(String collection) {
    this.collection = collection;
  }

  /** The collection segment of the kind's resource names, e.g. {@code complaints}. */
  public String collection() {
    return collection;
  }
}
