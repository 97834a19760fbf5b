package cx.profile.domain;

/** What the business wants to use a customer's contact details or data for. */
public enum ConsentPurpose {
  MARKETING, SURVEYS, SERVICE_UPDATES, ANALYTICS
}
