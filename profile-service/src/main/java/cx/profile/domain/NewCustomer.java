package cx.profile.domain;

import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a caller may say about a customer it creates: names, attributes and identities. The
 * constructor checks every field and reports all violations at once.
 */
public record NewCustomer(String displayName, String givenName, String familyName, Attributes attributes,
    List<Identity> identities) {

  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_IDENTITIES = 20;
  public static final int MAX_TRAITS = 100;
  public static final int MAX_TRAIT_VALUE_LENGTH = 1_024;
  public static final int MAX_LOCALE_LENGTH = 35;

  private static final Pattern TRAIT_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern LOYALTY_TIER = Pattern.compile("[a-z0-9_-]{1,32}");

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
      "keys must be 1 to 64 lower-case letters, digits or '_', starting with a letter";

  /** Whether a string may be a key of the traits map. */
  public static boolean isTraitKey(String key) {
    return TRAIT_KEY.matcher(key).matches();
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
      if (!isTraitKey(trait.getKey()) || trait.getValue().length() > MAX_TRAIT_VALUE_LENGTH
          || trait.getValue().chars().anyMatch(Character::isISOControl)) {
        violations.add(new FieldViolation("customer.attributes.traits",
            TRAIT_KEY_RULE + "; values at most " + MAX_TRAIT_VALUE_LENGTH + " characters without control characters"));
        break;
      }
    }
    if (!isLocale(attributes.locale())) {
      violations.add(new FieldViolation("customer.attributes.locale",
          "must be a well-formed BCP 47 language tag of at most " + MAX_LOCALE_LENGTH + " characters, e.g. de-CH"));
    }
    if (!isTimeZone(attributes.timeZone())) {
      violations.add(new FieldViolation("customer.attributes.time_zone",
          "must be an IANA time zone id, e.g. Europe/Zurich"));
    }
    if (!attributes.loyaltyTier().isEmpty() && !LOYALTY_TIER.matcher(attributes.loyaltyTier()).matches()) {
      violations.add(new FieldViolation("customer.attributes.loyalty_tier",
          "must be 1 to 32 lower-case letters, digits, '-' or '_'"));
    }
  }

  /** Empty, or a well-formed BCP 47 tag of at most 35 characters. */
  static boolean isLocale(String tag) {
    if (tag.isEmpty()) {
      return true;
    }
    if (tag.length() > MAX_LOCALE_LENGTH) {
      return false;
    }
    try {
      new Locale.Builder().setLanguageTag(tag);
      return true;
    } catch (IllformedLocaleException e) {
      return false;
    }
  }

  /** Empty, or a region-based zone id the runtime's time-zone database knows. */
  static boolean isTimeZone(String zone) {
    if (zone.isEmpty()) {
      return true;
    }
    try {
      ZoneId id = ZoneId.of(zone);
      return !(id instanceof ZoneOffset) && id.getId().equals(zone);
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static void checkName(String field, String value, List<FieldViolation> violations) {
    if (value.length() > MAX_NAME_LENGTH) {
      violations.add(new FieldViolation(field, "is longer than " + MAX_NAME_LENGTH + " characters"));
    } else if (value.chars().anyMatch(Character::isISOControl)) {
      violations.add(new FieldViolation(field, "contains control characters"));
    }
  }
}
