package cx.profile.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Merge protection, as careful CDPs do it: identifiers that many unrelated people share (test
 * addresses, placeholder emails, shop-counter phone numbers) are never attached and never link
 * two customers, and a customer holds at most a few identities of each type, so that one bad
 * identifier cannot glue thousands of customers into one profile.
 */
public final class IdentityRules {

  /** Email local parts that stand for "no email given". */
  private static final Pattern PLACEHOLDER_EMAIL =
      Pattern.compile("(no-?reply|no-?email|noemail|none|null|unknown|test|example|dummy|na|n/a)@.*");

  private final Set<String> blockedKeys;
  private final Map<IdentityType, Integer> caps;

  /**
   * @param blockedKeys identity keys never to attach, e.g. {@code email:test@example.com} or
   *     {@code phone:+442070000000}
   * @param caps the most identities of each type one customer may hold
   */
  public IdentityRules(Set<String> blockedKeys, Map<IdentityType, Integer> caps) {
    this.blockedKeys = Set.copyOf(blockedKeys);
    this.caps = new EnumMap<>(caps);
  }

  /** Rules with the default caps and no blocked keys beyond the built-in placeholders. */
  public static IdentityRules defaults() {
    Map<IdentityType, Integer> caps = new EnumMap<>(IdentityType.class);
    caps.put(IdentityType.EMAIL, 10);
    caps.put(IdentityType.PHONE, 10);
    caps.put(IdentityType.LOYALTY_ID, 5);
    caps.put(IdentityType.SOCIAL_HANDLE, 10);
    caps.put(IdentityType.DEVICE_ID, 25);
    caps.put(IdentityType.EXTERNAL_ID, 10);
    return new IdentityRules(Set.of(), caps);
  }

  /** Why an identity may never be attached, or empty if it may. */
  public String blockedReason(Identity identity) {
    if (blockedKeys.contains(identity.key())) {
      return "this value is shared by many people and is blocked";
    }
    if (identity.type() == IdentityType.EMAIL && PLACEHOLDER_EMAIL.matcher(identity.value()).matches()) {
      return "this is a placeholder address, not a customer's";
    }
    return "";
  }

  /** The most identities of a type one customer may hold. */
  public int cap(IdentityType type) {
    return caps.getOrDefault(type, 10);
  }
}
