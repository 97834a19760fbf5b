package cx.profile.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns identifiers as channels report them into the one form they are stored and matched in:
 * emails trimmed and lower-cased, phones in E.164 (numbers without a country code are read in
 * the configured default region), handles and system names case-folded. A value that cannot
 * be an identifier of its type is rejected, naming the field.
 */
public final class IdentityNormaliser {

  /** The longest identifier value accepted, in characters. */
  public static final int MAX_VALUE_LENGTH = 320;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}._:@+\\-]{1,200}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._\\-]{0,63}");

  private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  /** @param defaultRegion the ISO 3166 region whose numbering plan applies to national numbers */
  public IdentityNormaliser(String defaultRegion) {
    if (!phones.getSupportedRegions().contains(defaultRegion)) {
      throw new IllegalArgumentException("unknown phone region " + defaultRegion);
    }
    this.defaultRegion = defaultRegion;
  }

  /**
   * The normalised identity.
   *
   * @param field the request field the identity came from, for error messages
   */
  public Identity normalise(IdentityType type, String value, String network, String system, boolean verified,
      String firstSeenChannel, Instant now, String field) {
    if (type == null) {
      throw InvalidArgumentException.of(field + ".type", "is required");
    }
    String trimmed = value == null ? "" : value.strip();
    if (trimmed.isEmpty()) {
      throw InvalidArgumentException.of(field + ".value", "is required");
    }
    if (trimmed.length() > MAX_VALUE_LENGTH) {
      throw InvalidArgumentException.of(field + ".value", "is longer than " + MAX_VALUE_LENGTH + " characters");
    }
    String normalisedNetwork = "";
    String normalisedSystem = "";
    String normalised = switch (type) {
      case EMAIL -> email(trimmed, field);
      case PHONE -> phone(trimmed, field);
      case LOYALTY_ID, DEVICE_ID -> token(trimmed, field);
      case SOCIAL_HANDLE -> {
        normalisedNetwork = name(network, field + ".network");
        String handle = trimmed.startsWith("@") ? trimmed.substring(1) : trimmed;
        if (handle.startsWith("@")) {
          // "@@ada" would be stored as "@ada", whose own look-up finds "ada": one form per handle.
          throw InvalidArgumentException.of(field + ".value", "may start with one '@' at most");
        }
        yield token(handle.toLowerCase(Locale.ROOT), field);
      }
      case EXTERNAL_ID -> {
        normalisedSystem = name(system, field + ".system");
        yield token(trimmed, field);
      }
    };
    return new Identity(type, normalised, normalisedNetwork, normalisedSystem, verified,
        firstSeenChannel == null ? "" : firstSeenChannel, now);
  }

  private String email(String value, String field) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(lower).matches()) {
      throw InvalidArgumentException.of(field + ".value", "is not an email address");
    }
    return lower;
  }

  private String phone(String value, String field) {
    try {
      PhoneNumber number = phones.parse(value, defaultRegion);
      if (!phones.isPossibleNumber(number) || !phones.isValidNumber(number)) {
        throw InvalidArgumentException.of(field + ".value", "is not a valid phone number");
      }
      return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw InvalidArgumentException.of(field + ".value", "is not a phone number");
    }
  }

  private static String token(String value, String field) {
    if (!TOKEN.matcher(value).matches()) {
      throw InvalidArgumentException.of(field + ".value",
          "may hold only letters, digits and . _ : @ + - (at most 200)");
    }
    return value;
  }

  private static String name(String value, String field) {
    String lower = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (!NAME.matcher(lower).matches()) {
      throw InvalidArgumentException.of(field, "is required: a short name such as 'instagram' or 'crm'");
    }
    return lower;
  }
}
