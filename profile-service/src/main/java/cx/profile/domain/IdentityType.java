package cx.profile.domain;

/** The kinds of identifier a channel may know a customer by. */
public enum IdentityType {
  EMAIL("email"),
  PHONE("phone"),
  LOYALTY_ID("loyalty"),
  SOCIAL_HANDLE("social"),
  DEVICE_ID("device"),
  EXTERNAL_ID("external");

  private final String keyPrefix;

  IdentityType(String keyPrefix) {
    this.keyPrefix = keyPrefix;
  }

  /** The prefix of this type's identity keys, e.g. {@code email}. */
  public String keyPrefix() {
    return keyPrefix;
  }
}
