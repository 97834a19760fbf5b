package cx.profile.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where privacy requests are kept, with what makes them safe without transactions: a claim per
 * customer and kind (one request at a time), a reference list per customer, and a small work
 * queue of the requests a worker still has to look at.
 */
public interface PrivacyRequestStore {

  /** One request by id. */
  Optional<PrivacyRequest> find(String id);

  /** Stores a new request unless one with its id exists (a retried start). */
  void insertIfAbsent(PrivacyRequest request);

  /** Replaces a request if it is still at {@code expectedVersion}; false if someone changed it first. */
  boolean replace(PrivacyRequest updated, long expectedVersion);

  /**
   * Claims {@code openKey} for a request, atomically.
   *
   * @return the id of the request holding the key: {@code requestId} when this call claimed it
   */
  String claim(String openKey, String requestId);

  /** Gives up {@code openKey} if {@code requestId} holds it. */
  void release(String openKey, String requestId);

  /** Adds a request to its customer's reference list; adding it again changes nothing. */
  void listUnder(String customerId, String requestId);

  /** Every request on a customer's reference list. */
  List<PrivacyRequest> ofCustomer(String customerId);

  /**
   * Requests of every customer matching the filter, newest first by (create time, id), after a
   * position: an admin listing, which may scan.
   */
  List<PrivacyRequest> list(PrivacyRequestFilter filter, Optional<RecordPosition> after, int limit);

  /** Every request still IN_PROGRESS: read once at start-up, so it may scan. */
  List<PrivacyRequest> inProgress();

  /** Puts a request on the work queue, due at {@code due} (moving it if it is there). */
  void schedule(String requestId, Instant due);

  /** Takes a request off the work queue. */
  void unschedule(String requestId);

  /** The ids of queued requests due at {@code now}, earliest first. */
  List<String> due(Instant now, int limit);
}
