package cx.profile.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A data-subject request (an export or an erasure of one customer's data) and its proof: one
 * receipt per service. It holds ids, counts and times, never personal data, and is kept after it
 * finished.
 *
 * @param customerId the customer it concerns: the survivor when a merged id was named
 * @param customerIds the ids it covers, fixed when it started: the customer's id and every id
 *     merged into it; every service receives exactly this set
 * @param receipts one per {@link PlatformService}, in that order
 * @param reason why, as the requester gave it; never personal data
 * @param completeTime when it succeeded or failed; null while in progress
 * @param exportExpireTime for a succeeded export, when its document is deleted; null otherwise
 * @param version increases with every change, so that concurrent workers never overwrite each other
 */
public record PrivacyRequest(String id, PrivacyRequestType type, String customerId, List<String> customerIds,
    PrivacyRequestState state, List<ServiceReceipt> receipts, Actor requester, String reason, Instant createTime,
    Instant updateTime, Instant completeTime, Instant exportExpireTime, long version) {

  public PrivacyRequest {
    customerIds = List.copyOf(customerIds);
    receipts = List.copyOf(receipts);
  }

  /** A new request, every service's part pending. */
  static PrivacyRequest start(String id, PrivacyRequestType type, String customerId, List<String> customerIds,
      Actor requester, String reason, Instant now) {
    List<ServiceReceipt> receipts = new ArrayList<>();
    for (PlatformService service : PlatformService.values()) {
      receipts.add(ServiceReceipt.pending(service, now));
    }
    return new PrivacyRequest(id, type, customerId, customerIds, PrivacyRequestState.IN_PROGRESS, receipts, requester,
        reason, now, now, null, null, 1);
  }

  /** The request's resource name, also the key every service files its part under. */
  public String name() {
    return "privacyRequests/" + id;
  }

  /**
   * The key that allows one request of a kind per customer at a time (and one erasure ever, once
   * it succeeded).
   */
  public String openKey() {
    return openKey(type, customerId);
  }

  static String openKey(PrivacyRequestType type, String customerId) {
    return type + ":" + customerId;
  }

  /** One service's receipt. */
  public ServiceReceipt receipt(PlatformService service) {
    return receipts.get(service.ordinal());
  }

  /** Whether the export document can be downloaded at {@code now}. */
  public boolean exportAvailable(Instant now) {
    return type == PrivacyRequestType.EXPORT && state == PrivacyRequestState.SUCCEEDED
        && exportExpireTime != null && now.isBefore(exportExpireTime);
  }

  PrivacyRequest withReceipt(ServiceReceipt receipt, Instant now) {
    List<ServiceReceipt> changed = new ArrayList<>(receipts);
    changed.set(receipt.service().ordinal(), receipt);
    return new PrivacyRequest(id, type, customerId, customerIds, state, changed, requester, reason, createTime, now,
        completeTime, exportExpireTime, version + 1);
  }

  PrivacyRequest succeeded(Instant now, Instant expireTime) {
    return new PrivacyRequest(id, type, customerId, customerIds, PrivacyRequestState.SUCCEEDED, receipts, requester,
        reason, createTime, now, now, expireTime, version + 1);
  }

  PrivacyRequest failed(Instant now) {
    List<ServiceReceipt> closed = receipts.stream().map(r -> r.state().open() ? r.skipped() : r).toList();
    return new PrivacyRequest(id, type, customerId, customerIds, PrivacyRequestState.FAILED, closed, requester,
        reason, createTime, now, now, null, version + 1);
  }

  PrivacyRequest exportExpiredAt(Instant now) {
    return new PrivacyRequest(id, type, customerId, customerIds, state, receipts, requester, reason, createTime, now,
        completeTime, now, version + 1);
  }
}
