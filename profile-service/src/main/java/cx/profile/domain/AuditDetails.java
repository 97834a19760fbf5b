package cx.profile.domain;

import cx.runtime.failure.InvalidArgumentException;
import java.util.List;
import java.util.Map;

/**
 * What an audit entry refers to besides its customer: the other customers involved, the
 * identities touched, the merge, merge candidate or privacy request it belongs to, and small
 * non-personal facts such as {@code consents_changed=2}.
 *
 * @param relatedCustomerIds ids (not resource names) of the other customers involved
 * @param mergeId the merge's id, or empty
 * @param mergeCandidateId the merge candidate's id, or empty
 * @param privacyRequestId the privacy request's id, or empty
 */
public record AuditDetails(List<String> relatedCustomerIds, List<Identity> identities, String mergeId,
    String mergeCandidateId, String privacyRequestId, Map<String, String> facts) {

  /** At most this many facts per entry. */
  public static final int MAX_FACTS = 20;

  public static final AuditDetails NONE = new AuditDetails(List.of(), List.of(), "", "", "", Map.of());

  public AuditDetails {
    relatedCustomerIds = List.copyOf(relatedCustomerIds);
    identities = List.copyOf(identities);
    mergeId = mergeId == null ? "" : mergeId;
    mergeCandidateId = mergeCandidateId == null ? "" : mergeCandidateId;
    privacyRequestId = privacyRequestId == null ? "" : privacyRequestId;
    facts = Map.copyOf(facts);
    if (facts.size() > MAX_FACTS) {
      throw InvalidArgumentException.of("details", "holds more than " + MAX_FACTS + " facts");
    }
  }

  /** Details naming only facts. */
  public static AuditDetails facts(Map<String, String> facts) {
    return NONE.withFacts(facts);
  }

  public AuditDetails withRelatedCustomers(List<String> customerIds) {
    return new AuditDetails(customerIds, identities, mergeId, mergeCandidateId, privacyRequestId, facts);
  }

  public AuditDetails withIdentities(List<Identity> touched) {
    return new AuditDetails(relatedCustomerIds, touched, mergeId, mergeCandidateId, privacyRequestId, facts);
  }

  public AuditDetails withMerge(String id) {
    return new AuditDetails(relatedCustomerIds, identities, id, mergeCandidateId, privacyRequestId, facts);
  }

  public AuditDetails withMergeCandidate(String id) {
    return new AuditDetails(relatedCustomerIds, identities, mergeId, id, privacyRequestId, facts);
  }

  public AuditDetails withPrivacyRequest(String id) {
    return new AuditDetails(relatedCustomerIds, identities, mergeId, mergeCandidateId, id, facts);
  }

  public AuditDetails withFacts(Map<String, String> newFacts) {
    return new AuditDetails(relatedCustomerIds, identities, mergeId, mergeCandidateId, privacyRequestId, newFacts);
  }
}
