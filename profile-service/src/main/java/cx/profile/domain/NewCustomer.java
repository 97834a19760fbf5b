package cx.profile.domain;

import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a caller may say about a customer it creates: names, attributes and identities. The
 * constructor checks every field and reports all violations at once.
 */
public record NewCustomer(String displayName, String givenName, String familyName, Attributes attributes,
    List<Identity> identities) {

  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_IDENTITIES = 20;
  public static final int MAX_TRAITS = 50;
  public static final int MAX_TRAIT_LENGTH = 200;

  public NewCustomer {
    List<FieldViolation> violations = new ArrayList<>();
    checkDetails(displayName, givenName, familyName, attributes, violations);
    if (displayName.isBlank() && givenName.isBlank() && familyName.isBlank() && identities.isEmpty()) {
      violations.add(new FieldViolation("customer", "needs a name or at least one identity"));
    }
    if (identities.size() > MAX_IDENTITIES) {
      violations.add(new FieldViolation("customer.identities", "holds more than " + MAX_IDENTITIES + " identities"));
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < identities.size(); i++) {
      if (!keys.add(identities.get(i).key())) {
        violations.add(new FieldViolation("customer.identities[" + i + "]", "repeats an earlier identity"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
    identities = List.copyOf(identities);
  }

  /** What a trait key must be, as said to a caller. */
  public static final String TRAIT_KEY_RULE =
      "keys must be 1 to " + MAX_TRAIT_LENGTH + " characters without '.' or a leading '$'";

  /** Whether a string may be a key of the traits map. */
  public static boolean isTraitKey(String key) {
    return !key.isBlank() && key.length() <= MAX_TRAIT_LENGTH && !key.startsWith("$") && !key.contains(".");
  }

  /**
   * Checks names and attributes as a caller gave them, adding a violation per bad field.
   * Shared by creates and updates.
   */
  public static void checkDetails(String displayName, String givenName, String familyName, Attributes attributes,
      List<FieldViolation> violations) {
    checkName("customer.display_name", displayName, violations);
    checkName("customer.given_name", givenName, violations);
    checkName("customer.family_name", familyName, violations);
    if (attributes.traits().size() > MAX_TRAITS) {
      violations.add(new FieldViolation("customer.attributes.traits", "holds more than " + MAX_TRAITS + " traits"));
    }
    for (Map.Entry<String, String> trait : attributes.traits().entrySet()) {
      if (!isTraitKey(trait.getKey()) || trait.getValue().length() > MAX_TRAIT_LENGTH) {
        violations.add(new FieldViolation("customer.attributes.traits",
            TRAIT_KEY_RULE + ", values at most " + MAX_TRAIT_LENGTH));
        break;
      }
    }
    checkName("customer.attributes.locale", attributes.locale(), violations);
    checkName("customer.attributes.time_zone", attributes.timeZone(), violations);
    checkName("customer.attributes.loyalty_tier", attributes.loyaltyTier(), violations);
  }

  private static void checkName(String field, String value, List<FieldViolation> violations) {
    if (value.length() > MAX_NAME_LENGTH) {
      violations.add(new FieldViolation(field, "is longer than " + MAX_NAME_LENGTH + " characters"));
    } else if (value.chars().anyMatch(Character::isISOControl)) {
      violations.add(new FieldViolation(field, "contains control characters"));
    }
  }
}
