package cx.profile.domain;

/**
 * The means by which the business would reach the customer for a purpose. {@link #ANY} covers
 * every channel at once, and purposes that contact nobody (analytics); a decision for a specific
 * channel takes precedence over an ANY decision for the same purpose.
 */
public enum ConsentChannel {
  EMAIL, SMS, PUSH, PHONE, ANY
}
