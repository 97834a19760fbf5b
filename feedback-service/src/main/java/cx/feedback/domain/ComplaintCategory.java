package cx.feedback.domain;

/** What a complaint is about. */
public enum ComplaintCategory {
  PRODUCT, DELIVERY, BILLING, RETURN, SERVICE, DIGITAL, PRIVACY, OTHER
}
