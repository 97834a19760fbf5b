package cx.gateway.find;

import cx.gateway.transcoding.BadHttpRequestException;
import cx.profile.v1.IdentityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one free-text query typed by an agent could be, as the profile-service calls that would
 * find it: a name prefix, an email, a phone number, a loyalty id, a social handle on any of the
 * known networks, a device id, or {@code system:id} for an external id. Only the calls whose
 * value has the shape of the identifier are planned, so a query never asks profile-service a
 * question it would reject as malformed.
 */
record FindPlan(List<Probe> probes) {

  /** The shortest and longest query accepted. */
  static final int MIN_LENGTH = 2;
  static final int MAX_LENGTH = 200;

  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]{2,}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9(][0-9 ().\\-/]*");
  private static final Pattern QUALIFIED = Pattern.compile("([A-Za-z0-9][A-Za-z0-9.\\-]{0,31}):\\s*(\\S{1,256})");
  private static final Pattern HANDLE = Pattern.compile("[\\p{L}\\p{N}._\\-]{1,100}");
  private static final Pattern LOYALTY_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
  private static final Pattern LETTER = Pattern.compile("\\p{L}");
  private static final int MIN_PHONE_DIGITS = 6;
  /** SearchCustomers takes a name prefix of 2 to 100 characters (Unicode code points). */
  private static final int MIN_NAME_PREFIX = 2;
  private static final int MAX_NAME_PREFIX = 100;
  private static final int MAX_DEVICE_ID = 128;

  /** One question to profile-service, and how a customer it finds was matched. */
  sealed interface Probe {
    /** How the match is described to the agent, for example "phone" or "instagram handle". */
    String matchedBy();
  }

  /** A SearchCustomers call on one criterion: {@code name_prefix}, {@code email} or {@code phone}. */
  record Search(String field, String value, String matchedBy) implements Probe {
  }

  /** A LookupCustomer call for one identifier. */
  record Lookup(IdentityType type, String value, String network, String system, String matchedBy) implements Probe {
  }

  /**
   * Plans the calls for a query.
   *
   * @param text what the agent typed
   * @param socialNetworks the networks a bare handle is looked up on, lower case
   * @throws BadHttpRequestException when the query is shorter than 2 or longer than 200 characters
   */
  static FindPlan of(String text, List<String> socialNetworks) {
    String query = text == null ? "" : text.strip();
    if (query.length() < MIN_LENGTH || query.length() > MAX_LENGTH) {
      throw new BadHttpRequestException("query", "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
    }
    List<Probe> probes = new ArrayList<>();
    if (EMAIL.matcher(query).matches()) {
      probes.add(new Search("email", query, "email"));
      return new FindPlan(probes);
    }
    if (PHONE.matcher(query).matches() && digits(query) >= MIN_PHONE_DIGITS) {
      probes.add(new Search("phone", query, "phone"));
    }
    boolean oneWord = query.chars().noneMatch(Character::isWhitespace);
    Matcher qualified = QUALIFIED.matcher(query);
    if (qualified.matches()) {
      String prefix = qualified.group(1).toLowerCase(Locale.ROOT);
      String value = qualified.group(2);
      String handle = value.startsWith("@") ? value.substring(1) : value;
      if (HANDLE.matcher(handle).matches()) {
        probes.add(new Lookup(IdentityType.IDENTITY_TYPE_SOCIAL_HANDLE, handle, prefix, "", prefix + " handle"));
      }
      probes.add(new Lookup(IdentityType.IDENTITY_TYPE_EXTERNAL_ID, value, "", prefix, prefix + " id"));
    } else if (oneWord) {
      String handle = query.startsWith("@") ? query.substring(1) : query;
      if (HANDLE.matcher(handle).matches()) {
        for (String network : socialNetworks) {
          probes.add(new Lookup(IdentityType.IDENTITY_TYPE_SOCIAL_HANDLE, handle, network, "", network + " handle"));
        }
      }
      if (!query.startsWith("@")) {
        if (LOYALTY_ID.matcher(query).matches()) {
          probes.add(new Lookup(IdentityType.IDENTITY_TYPE_LOYALTY_ID, query, "", "", "loyalty id"));
        }
        if (query.length() <= MAX_DEVICE_ID) {
          probes.add(new Lookup(IdentityType.IDENTITY_TYPE_DEVICE_ID, query, "", "", "device id"));
        }
      }
    }
    int characters = query.codePointCount(0, query.length());
    if (!query.startsWith("@") && !qualified.matches() && characters >= MIN_NAME_PREFIX
        && characters <= MAX_NAME_PREFIX && LETTER.matcher(query).find()) {
      probes.add(new Search("name_prefix", query, "name"));
    }
    return new FindPlan(probes);
  }

  private static long digits(String text) {
    return text.chars().filter(Character::isDigit).count();
  }
}
