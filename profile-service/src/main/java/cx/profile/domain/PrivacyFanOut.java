package cx.profile.domain;

import cx.profile.domain.ServiceReceipt.PartOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives data-subject requests to the end: asks every service for its part with the request's
 * id set, keeps each answer on the request as that service's receipt, calls again with backoff
 * after a failed call, and closes the request when every part is done.
 *
 * <p>Nothing lives in memory between calls. Each step reads the request, makes one call and
 * writes its outcome with a version check, so a worker that restarts — or another instance of
 * this service running the same request at the same time — carries on from the last outcome
 * written. A call cut off before its outcome was written is simply made again, which is safe:
 * every service answers a repeated erasure with its first receipt, and an export only reads.
 *
 * <p><b>Order of an erasure: this service first.</b> The id set is fixed in the request when it
 * starts, so the other services do not need the profile to find the ids. Erasing the profile
 * first then stops new personal data from reaching the customer while the others work, which
 * can take hours when one of them is down: the ERASED tombstone takes no new identities,
 * consents, touchpoints or merges (so no new id can join the set behind the request's back), its
 * identifiers no longer resolve to it, and consent checks for it answer "not allowed", so no
 * survey goes out to the person. Records other services still hold for a while are out of
 * sight, since the timeline of an erased customer shows only its tombstone. Erasing the profile
 * last would instead leave the customer fully active, merges included, until the slowest
 * service had answered.
 *
 * <p>An export asks all three services at once; each service's section is stored page by page
 * as it arrives (see {@link ExportDocumentStore}) and the whole is limited to
 * {@code exportMaxBytes}.
 */
public final class PrivacyFanOut {

  /** The receipt error of an export that outgrew the size limit. */
  public static final String EXPORT_TOO_LARGE = "EXPORT_TOO_LARGE";

  private static final int MAX_EXPORT_PAGES = 10_000;

  private final PrivacyRequestStore requests;
  private final ExportDocumentStore documents;
  private final Map<PlatformService, PersonalDataHolder> holders = new EnumMap<>(PlatformService.class);
  private final ErasedCustomers erased;
  private final RetryBackoff backoff;
  private final long exportMaxBytes;
  private final Duration exportRetention;
  private final Clock clock;

  /**
   * @param holders one per {@link PlatformService}
   * @param erased tells whether a customer has been erased since an export started
   * @param exportMaxBytes the largest export, in the services' own encoding of its records
   * @param exportRetention how long an export document can be downloaded after it is complete
   */
  public PrivacyFanOut(PrivacyRequestStore requests, ExportDocumentStore documents, List<PersonalDataHolder> holders,
      ErasedCustomers erased, RetryBackoff backoff, long exportMaxBytes, Duration exportRetention, Clock clock) {
    this.requests = requests;
    this.documents = documents;
    holders.forEach(h -> this.holders.put(h.service(), h));
    if (this.holders.size() != PlatformService.values().length) {
      throw new IllegalArgumentException("every service needs a holder, got " + this.holders.keySet());
    }
    this.erased = erased;
    this.backoff = backoff;
    this.exportMaxBytes = exportMaxBytes;
    this.exportRetention = exportRetention;
    this.clock = clock;
  }

  /** The ids of the requests a worker should advance now, earliest first. */
  public List<String> due(int limit) {
    return requests.due(clock.instant(), limit);
  }

  /**
   * Puts every request still in progress back on the work queue, due now: run at start-up, so
   * that a request whose start was cut off between storing it and queueing it is not forgotten.
   *
   * @return how many requests are in progress
   */
  public int resumeUnfinished() {
    List<PrivacyRequest> open = requests.inProgress();
    open.forEach(r -> requests.schedule(r.id(), clock.instant()));
    return open.size();
  }

  /**
   * Makes every call of a request that is due now, records their outcomes, and closes the
   * request when it is done. Safe to run concurrently with itself on the same request.
   *
   * @return the request as it is afterwards; empty if there is no such request
   */
  public Optional<PrivacyRequest> advance(String id) {
    Optional<PrivacyRequest> found = requests.find(id);
    if (found.isEmpty()) {
      requests.unschedule(id);
      return Optional.empty();
    }
    PrivacyRequest request = found.get();
    for (PlatformService service : PlatformService.values()) {
      if (request.state() == PrivacyRequestState.IN_PROGRESS && mayCall(request, service, clock.instant())) {
        Instant attemptTime = clock.instant();
        PartOutcome outcome = call(request, holders.get(service));
        request = record(request, service, outcome, attemptTime);
      }
    }
    request = conclude(request);
    return Optional.of(settle(request));
  }

  private static boolean mayCall(PrivacyRequest request, PlatformService service, Instant now) {
    return request.receipt(service).due(now) && turnHasCome(request, service)
        && request.receipts().stream().noneMatch(r -> r.state() == ReceiptState.FAILED);
  }

  /** An erasure asks the other services once this one has erased the profile; an export asks all at once. */
  private static boolean turnHasCome(PrivacyRequest request, PlatformService service) {
    return request.type() == PrivacyRequestType.EXPORT || service == PlatformService.PROFILE
        || request.receipt(PlatformService.PROFILE).state() == ReceiptState.DONE;
  }

  private PartOutcome call(PrivacyRequest request, PersonalDataHolder holder) {
    try {
      if (request.type() == PrivacyRequestType.ERASURE) {
        PersonalDataHolder.Erased erased = holder.erase(request.customerIds(), request.name());
        return new PartOutcome.Done(erased.completeTime(), erased.dispositions(), 0);
      }
      return export(request, holder);
    } catch (PersonalDataHolder.Unavailable e) {
      return e.retryable() ? new PartOutcome.Retry(e.error()) : new PartOutcome.Fail(e.error());
    }
  }

  /**
   * Reads a service's section page by page, storing each page as it comes. A retry reads from the
   * first page again and overwrites what an interrupted attempt stored: a page token may not
   * outlive the service instance that issued it, and the pages are few.
   */
  private PartOutcome export(PrivacyRequest request, PersonalDataHolder holder) {
    long bytes = 0;
    int pages = 0;
    Map<String, PersonalDataPart.Disposition> totals = new LinkedHashMap<>();
    String token = "";
    do {
      PersonalDataHolder.ExportPage page = holder.export(request.customerIds(), request.name(), token);
      bytes += page.records().length;
      if (bytes > exportMaxBytes || pages == MAX_EXPORT_PAGES) {
        return new PartOutcome.Fail(EXPORT_TOO_LARGE);
      }
      documents.keepPage(request.id(), holder.service(), pages++, page.records());
      for (PersonalDataPart.Disposition line : page.dispositions()) {
        totals.merge(line.recordType() + "/" + line.action(), line, (sum, more) -> sum.plus(more.count()));
      }
      token = page.nextPageToken();
    } while (!token.isEmpty());
    return new PartOutcome.Done(clock.instant(), List.copyOf(totals.values()), pages);
  }

  /** Writes a call's outcome onto the request, on top of whatever other workers wrote meanwhile. */
  private PrivacyRequest record(PrivacyRequest request, PlatformService service, PartOutcome outcome,
      Instant attemptTime) {
    PrivacyRequest current = request;
    while (current.state() == PrivacyRequestState.IN_PROGRESS && current.receipt(service).state().open()) {
      ServiceReceipt receipt = current.receipt(service).after(outcome, attemptTime, backoff);
      PrivacyRequest updated = current.withReceipt(receipt, clock.instant());
      if (requests.replace(updated, current.version())) {
        return updated;
      }
      current = reload(current);
    }
    return current;
  }

  /** Closes a request whose parts are all done, or one of whose parts failed for good. */
  private PrivacyRequest conclude(PrivacyRequest request) {
    PrivacyRequest current = request;
    while (current.state() == PrivacyRequestState.IN_PROGRESS) {
      Instant now = clock.instant();
      PrivacyRequest closed;
      if (current.receipts().stream().anyMatch(r -> r.state() == ReceiptState.FAILED)) {
        closed = current.failed(now);
      } else if (current.receipts().stream().allMatch(r -> r.state() == ReceiptState.DONE)) {
        closed = current.succeeded(now, current.type() == PrivacyRequestType.EXPORT ? now.plus(exportRetention) : null);
      } else {
        return current;
      }
      if (requests.replace(closed, current.version())) {
        return closed;
      }
      current = reload(current);
    }
    return current;
  }

  /**
   * Puts the request where it belongs now, idempotently: an open one back on the queue for its
   * next due call; a closed one off the queue, giving up its per-customer claim — except a
   * succeeded erasure, which keeps it so that a later start returns it — and a succeeded export
   * on the queue until its document expires, then its document deleted.
   */
  private PrivacyRequest settle(PrivacyRequest request) {
    Instant now = clock.instant();
    switch (request.state()) {
      case IN_PROGRESS -> requests.schedule(request.id(), nextDue(request).orElse(now));
      case FAILED -> {
        documents.drop(request.id());
        requests.release(request.openKey(), request.id());
        requests.unschedule(request.id());
      }
      case SUCCEEDED -> {
        if (request.type() == PrivacyRequestType.ERASURE) {
          requests.unschedule(request.id());
          return request;
        }
        requests.release(request.openKey(), request.id());
        // Checked after the export was marked done: an erasure that ran meanwhile either saw
        // the export done and deleted it, or erased the profile before this check.
        if (request.exportAvailable(now) && !erased.erased(request.customerId())) {
          requests.schedule(request.id(), request.exportExpireTime());
          return request;
        }
        documents.drop(request.id());
        requests.unschedule(request.id());
        return expire(request, now);
      }
      default -> throw new IllegalStateException("unknown state " + request.state());
    }
    return request;
  }

  private PrivacyRequest expire(PrivacyRequest request, Instant now) {
    PrivacyRequest current = request;
    while (current.exportExpireTime() != null && current.exportExpireTime().isAfter(now)) {
      if (requests.replace(current.exportExpiredAt(now), current.version())) {
        return requests.find(current.id()).orElseThrow();
      }
      current = reload(current);
    }
    return current;
  }

  /** When the next call that may be made is due: an erasure's other parts wait for this service's. */
  private static Optional<Instant> nextDue(PrivacyRequest request) {
    return request.receipts().stream()
        .filter(r -> r.state().open() && turnHasCome(request, r.service()))
        .map(ServiceReceipt::nextAttemptTime)
        .min(Instant::compareTo);
  }

  /** Whether a customer's profile has been erased. */
  @FunctionalInterface
  public interface ErasedCustomers {
    boolean erased(String customerId);

    /** Over the profiles in the store: a profile that is gone counts as erased. */
    static ErasedCustomers in(CustomerStore customers) {
      return id -> customers.find(id).map(c -> c.state() == CustomerState.ERASED).orElse(true);
    }
  }

  private PrivacyRequest reload(PrivacyRequest request) {
    return requests.find(request.id())
        .orElseThrow(() -> new IllegalStateException("privacy request " + request.id() + " vanished"));
  }
}
