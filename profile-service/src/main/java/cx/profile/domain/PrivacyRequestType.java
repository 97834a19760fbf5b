package cx.profile.domain;

/** What a data-subject request asks for. */
public enum PrivacyRequestType {
  /** Everything the platform holds on the customer, as one document. */
  EXPORT,
  /** The customer's personal data removed from every service, irreversibly. */
  ERASURE
}
