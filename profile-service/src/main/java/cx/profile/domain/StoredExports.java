package cx.profile.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Export documents as an erasure sees them: copies of the customer's data made for earlier
 * exports are deleted with the rest. The privacy requests themselves stay as proof; they hold
 * no personal data.
 */
public final class StoredExports implements PersonalDataPart {

  private final PrivacyRequestStore requests;
  private final ExportDocumentStore documents;

  public StoredExports(PrivacyRequestStore requests, ExportDocumentStore documents) {
    this.requests = requests;
    this.documents = documents;
  }

  @Override
  public List<Disposition> erase(Set<String> customerIds, Instant now) {
    long deleted = 0;
    for (String customerId : customerIds) {
      for (PrivacyRequest request : requests.ofCustomer(customerId)) {
        if (request.type() == PrivacyRequestType.EXPORT && request.state() != PrivacyRequestState.FAILED
            && (request.exportExpireTime() == null || request.exportExpireTime().isAfter(now))) {
          documents.drop(request.id());
          expire(request, now);
          deleted++;
        }
      }
    }
    return List.of(new Disposition("export_document", "REMOVED", deleted,
        "Copies of the customer's data made for earlier exports deleted."));
  }

  /** Marks a finished export expired now; one still running is checked when it finishes. */
  private void expire(PrivacyRequest request, Instant now) {
    PrivacyRequest current = request;
    while (current.state() == PrivacyRequestState.SUCCEEDED && current.exportExpireTime().isAfter(now)
        && !requests.replace(current.exportExpiredAt(now), current.version())) {
      current = requests.find(current.id()).orElseThrow();
    }
  }
}
