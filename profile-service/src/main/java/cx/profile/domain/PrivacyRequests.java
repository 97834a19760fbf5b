package cx.profile.domain;

import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data-subject requests as callers see them: starting an export or an erasure, reading one with
 * its receipts, listing them, and reading a finished export's document. {@link PrivacyFanOut}
 * does the work.
 *
 * <p>Starting is safe to repeat and to race without transactions. The per-customer claim is
 * taken first, under the id the new request will have; then the request is stored under that
 * id, put on the customer's reference list, audited and queued, each step repeatable. A start
 * cut off after the claim leaves a claim naming a request that does not exist; the next start
 * for that customer and kind stores the request under the claimed id, finishing what the first
 * one began.
 */
public final class PrivacyRequests {

  /** The longest reason, in characters. */
  public static final int MAX_REASON_LENGTH = 500;

  /** The most ids one request can cover: what every service accepts in one call. */
  public static final int MAX_CUSTOMER_IDS = 1000;

  private static final Comparator<PrivacyRequest> NEWEST_FIRST =
      Comparator.comparing(PrivacyRequest::createTime).thenComparing(PrivacyRequest::id).reversed();

  private final PrivacyRequestStore store;
  private final ExportDocumentStore documents;
  private final CustomerRegistry customers;
  private final AuditTrail audit;
  private final Clock clock;

  public PrivacyRequests(PrivacyRequestStore store, ExportDocumentStore documents, CustomerRegistry customers,
      AuditTrail audit, Clock clock) {
    this.store = store;
    this.documents = documents;
    this.customers = customers;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Starts an export or an erasure of a customer — the survivor, when a merged id is named — over
   * the customer's id and every id merged into it, as they are now. While a request of the same
   * kind for the customer is in progress, or once an erasure succeeded, that request is returned
   * instead.
   *
   * @param id the id for a new request: fixed by the caller's request id, so a retry continues
   *     the same start
   * @throws NotFoundException if the customer does not exist
   * @throws FailedPreconditionException reason {@code CUSTOMER_ERASED} to export an erased customer
   */
  public PrivacyRequest start(String id, PrivacyRequestType type, String customerId, Actor requester, String reason) {
    if (reason.length() > MAX_REASON_LENGTH) {
      throw InvalidArgumentException.of("reason", "is longer than " + MAX_REASON_LENGTH + " characters");
    }
    Optional<PrivacyRequest> retried = store.find(id);
    if (retried.isPresent()) {
      return recorded(retried.get());
    }
    Customer customer = customers.get(customerId).customer();
    if (type == PrivacyRequestType.EXPORT && customer.state() != CustomerState.ACTIVE) {
      throw new FailedPreconditionException("CUSTOMER_ERASED", customer.name() + " was erased.");
    }
    String key = PrivacyRequest.openKey(type, customer.id());
    String requestId = id;
    for (String holder = store.claim(key, requestId); !holder.equals(requestId); holder = store.claim(key, requestId)) {
      Optional<PrivacyRequest> held = store.find(holder);
      if (held.isEmpty()) {
        // The start that claimed the key was cut off before it stored its request: finish it.
        requestId = holder;
        break;
      }
      PrivacyRequest running = held.get();
      if (running.state() == PrivacyRequestState.IN_PROGRESS
          || type == PrivacyRequestType.ERASURE && running.state() == PrivacyRequestState.SUCCEEDED) {
        return recorded(running);
      }
      // A finished request whose worker has not given the claim up yet.
      store.release(key, holder);
    }
    List<String> ids = customer.allIds();
    if (ids.size() > MAX_CUSTOMER_IDS) {
      store.release(key, requestId);
      throw new FailedPreconditionException("TOO_MANY_MERGED_IDS",
          customer.name() + " has more merged ids than one privacy request can cover.");
    }
    store.insertIfAbsent(PrivacyRequest.start(requestId, type, customer.id(), ids, requester, reason, clock.instant()));
    return recorded(store.find(requestId).orElseThrow());
  }

  /** Makes sure an open request is on its customer's list, audited and queued; all repeatable. */
  private PrivacyRequest recorded(PrivacyRequest request) {
    if (request.state() != PrivacyRequestState.IN_PROGRESS) {
      return request;
    }
    store.listUnder(request.customerId(), request.id());
    AuditAction action = request.type() == PrivacyRequestType.EXPORT
        ? AuditAction.EXPORT_REQUESTED : AuditAction.ERASURE_REQUESTED;
    audit.recordOnce("privacy:" + request.id(), request.customerId(), action, request.requester(), request.reason(),
        "", AuditDetails.NONE.withPrivacyRequest(request.id()), request.createTime());
    store.schedule(request.id(), clock.instant());
    return request;
  }

  /**
   * One request with its receipts.
   *
   * @throws NotFoundException if there is none
   */
  public PrivacyRequest get(String id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("privacyRequests/" + id));
  }

  /**
   * A page of requests, newest first: of one customer (including requests made under ids merged
   * into it since), or of every customer when {@code customerId} is empty.
   *
   * @throws NotFoundException if the customer does not exist
   */
  public RecordPage<PrivacyRequest> list(Optional<String> customerId, PrivacyRequestFilter filter,
      Optional<RecordPosition> after, int limit) {
    if (customerId.isEmpty()) {
      return RecordPage.of(store.list(filter, after, limit + 1), limit);
    }
    Customer customer = customers.get(customerId.get()).customer();
    Map<String, PrivacyRequest> found = new LinkedHashMap<>();
    for (String id : customer.allIds()) {
      store.ofCustomer(id).forEach(r -> found.putIfAbsent(r.id(), r));
    }
    List<PrivacyRequest> matching = new ArrayList<>();
    for (PrivacyRequest request : found.values()) {
      if (filter.matches(request) && after.map(p -> p.precedes(request.createTime(), request.id())).orElse(true)) {
        matching.add(request);
      }
    }
    matching.sort(NEWEST_FIRST);
    return RecordPage.of(matching, limit);
  }

  /** Every request filed under these ids, newest first: a data-subject export's part. */
  public List<PrivacyRequest> about(List<String> customerIds) {
    Map<String, PrivacyRequest> found = new LinkedHashMap<>();
    for (String id : customerIds) {
      store.ofCustomer(id).forEach(r -> found.putIfAbsent(r.id(), r));
    }
    return found.values().stream().sorted(NEWEST_FIRST).toList();
  }

  /** A finished export's records, each service's section as the pages it sent. */
  public record ExportDocument(PrivacyRequest request, Map<PlatformService, List<byte[]>> sections,
      Instant generateTime) {
  }

  /**
   * The records of a succeeded export, for download.
   *
   * @throws NotFoundException if there is no such request
   * @throws FailedPreconditionException reason {@code NOT_AN_EXPORT}, {@code EXPORT_NOT_READY},
   *     {@code EXPORT_FAILED} or {@code EXPORT_EXPIRED}
   */
  public ExportDocument exportDocument(String id) {
    PrivacyRequest request = get(id);
    if (request.type() != PrivacyRequestType.EXPORT) {
      throw new FailedPreconditionException("NOT_AN_EXPORT", request.name() + " is an erasure, not an export.");
    }
    switch (request.state()) {
      case IN_PROGRESS -> throw new FailedPreconditionException("EXPORT_NOT_READY",
          request.name() + " is still in progress; poll it until it has SUCCEEDED.");
      case FAILED -> throw new FailedPreconditionException("EXPORT_FAILED",
          request.name() + " failed; its receipts say why. Start a new export.");
      default -> {
      }
    }
    Instant now = clock.instant();
    if (!request.exportAvailable(now)) {
      throw expired(request);
    }
    Map<PlatformService, List<byte[]>> sections = new EnumMap<>(PlatformService.class);
    for (ServiceReceipt receipt : request.receipts()) {
      List<byte[]> pages = documents.pages(request.id(), receipt.service(), receipt.exportPages());
      if (pages.size() != receipt.exportPages()) {
        // Deleted between the check and the read: by expiry, or by an erasure of the customer.
        throw expired(request);
      }
      sections.put(receipt.service(), pages);
    }
    return new ExportDocument(request, sections, now);
  }

  private static FailedPreconditionException expired(PrivacyRequest request) {
    return new FailedPreconditionException("EXPORT_EXPIRED",
        request.name() + "'s document was deleted; start a new export.");
  }
}
