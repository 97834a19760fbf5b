package cx.feedback.domain;

import java.util.Set;

/**
 * What profile-service knows about a customer that surveying depends on: the ids merged into
 * the profile and the customer's consent to survey requests on a channel. Implementations never
 * throw for an unreachable, slow or incapable profile-service: they answer {@link
 * Consent#UNKNOWN}.
 */
public interface ProfileDirectory {

  /** The consent to survey requests on a channel. */
  enum Consent { ALLOWED, REFUSED, UNKNOWN }

  /**
   * The answer for one customer.
   *
   * @param customerIds the customer's id and every id merged into it; the given id alone when
   *     profile-service could not say
   */
  record SurveyConsent(Set<String> customerIds, Consent consent) {

    public SurveyConsent {
      customerIds = Set.copyOf(customerIds);
    }
  }

  /** Asks profile-service about a customer's merged ids and consent to surveys on a channel. */
  SurveyConsent surveyConsent(String customerId, Channel channel);
}
