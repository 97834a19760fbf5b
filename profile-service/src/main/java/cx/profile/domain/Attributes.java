package cx.profile.domain;

import java.util.Map;

/**
 * Descriptive facts about a customer.
 *
 * @param locale a BCP 47 language tag, e.g. {@code en-GB}
 * @param timeZone an IANA time zone, e.g. {@code Europe/London}
 * @param loyaltyTier the loyalty programme's tier name
 * @param traits free-form facts, small keys to small values
 */
public record Attributes(String locale, String timeZone, String loyaltyTier, Map<String, String> traits) {

  public static final Attributes NONE = new Attributes("", "", "", Map.of());

  public Attributes {
    traits = Map.copyOf(traits);
  }
}
