package cx.profile.domain;

/**
 * The services that hold a customer's data, each of which does its own part of a data-subject
 * request. The order is the order of the receipts, and an erasure's order of work: this service
 * first (see {@link PrivacyFanOut}).
 */
public enum PlatformService {
  PROFILE,
  FEEDBACK,
  RETURNS
}
