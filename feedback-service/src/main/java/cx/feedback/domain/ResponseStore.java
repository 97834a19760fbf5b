package cx.feedback.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where survey responses are kept. */
public interface ResponseStore {

  /** The response with this id. */
  Optional<SurveyResponse> findResponse(String id);

  /** A page of responses, newest first, after {@code after} (null for the first page). */
  List<SurveyResponse> list(ListFilters.Responses filter, PagePosition after, int limit);

  /**
   * Replaces a response's customer id with a pseudonym and removes its personal fields (comment,
   * follow-up answer, touchpoint reference, links), keeping its score and counts.
   */
  void pseudonymise(String id, String pseudonym);

  /** Whether any response answers the survey. */
  boolean anyFor(String surveyId);

  /** The responses with these ids that exist, in no particular order. */
  List<SurveyResponse> findResponses(Collection<String> ids);

  /**
   * Stores a response unless one with its id (its natural key) exists already. A response is
   * stored not yet counted in the score rollups, its counting lease held until
   * {@code countingLeaseEnd} by the caller.
   *
   * @return true if this call stored it
   */
  boolean insertResponseIfAbsent(SurveyResponse response, Instant countingLeaseEnd);

  /**
   * Takes the counting lease of a response that is not yet counted and whose lease ran out by
   * {@code now}, until {@code leaseEnd}. Of concurrent callers, at most one gets it.
   *
   * @return true if this call took the lease and must count the response
   */
  boolean claimCounting(String id, Instant now, Instant leaseEnd);

  /** Marks a response as counted in the score rollups. */
  void markCounted(String id);

  /**
   * Of these responses, those not yet counted whose counting lease ran out by {@code now}: those
   * a crashed submission left for a retry to count ({@link #claimCounting}).
   */
  Set<String> uncountedWithLeaseEnded(Collection<String> ids, Instant now);

  /**
   * Stores each response as {@link #insertResponseIfAbsent} would.
   *
   * @return the ids of those this call stored
   */
  default Set<String> insertResponsesIfAbsent(List<SurveyResponse> responses, Instant countingLeaseEnd) {
    Set<String> stored = new HashSet<>();
    for (SurveyResponse response : responses) {
      if (insertResponseIfAbsent(response, countingLeaseEnd)) {
        stored.add(response.id());
      }
    }
    return stored;
  }

  /** Marks responses as counted in the score rollups. */
  default void markAllCounted(Collection<String> ids) {
    ids.forEach(this::markCounted);
  }
}
