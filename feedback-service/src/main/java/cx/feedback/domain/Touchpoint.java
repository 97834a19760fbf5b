package cx.feedback.domain;

/** The moment in the customer journey a survey follows. */
public enum Touchpoint {
  AFTER_PURCHASE, AFTER_DELIVERY, AFTER_SUPPORT_CASE, AFTER_RETURN, AFTER_STORE_VISIT,
  /** Not tied to one event: answered at most once per customer, without a touchpoint reference. */
  RELATIONSHIP
}
