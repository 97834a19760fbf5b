package cx.profile.domain;

import java.time.Instant;

/**
 * One identifier of a customer, already normalised.
 *
 * @param type what kind of identifier it is
 * @param value the normalised value (lower-cased email, E.164 phone, case-folded handle, ...)
 * @param network the social network of a handle, lower case; empty for other types
 * @param system the external system of an external id, lower case; empty for other types
 * @param verified whether the channel proved the customer controls it
 * @param firstSeenChannel the channel that first reported it, or empty
 * @param createTime when it was attached to the customer
 */
public record Identity(IdentityType type, String value, String network, String system, boolean verified,
    String firstSeenChannel, Instant createTime) {

  /**
   * The identity's key, unique across all customers: the same identifier always gives the same
   * key, and no two different identifiers share one.
   */
  public String key() {
    return switch (type) {
      case SOCIAL_HANDLE -> type.keyPrefix() + ":" + network + ":" + value;
      case EXTERNAL_ID -> type.keyPrefix() + ":" + system + ":" + value;
      default -> type.keyPrefix() + ":" + value;
    };
  }
}
