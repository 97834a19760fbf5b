package cx.profile.api;

import cx.common.v1.DataDisposition;
import cx.common.v1.DataDispositionEntry;
import cx.profile.domain.AuditTrail;
import cx.profile.domain.ConsentBook;
import cx.profile.domain.Customer;
import cx.profile.domain.CustomerErasure;
import cx.profile.domain.CustomerStore;
import cx.profile.domain.InteractionLog;
import cx.profile.domain.MergeCandidateStore;
import cx.profile.domain.MergeJournal;
import cx.profile.domain.MergeRecord;
import cx.profile.domain.PrivacyRequests;
import cx.profile.v1.CustomerDataExport;
import cx.profile.v1.EraseCustomerRequest;
import cx.profile.v1.EraseCustomerResponse;
import cx.profile.v1.ExportCustomerDataRequest;
import cx.profile.v1.ExportCustomerDataResponse;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.paging.TimelinePaging;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * profile-service's own part of a data-subject request, called by the privacy fan-out: the
 * internal ExportCustomerData and EraseCustomer RPCs.
 */
final class PrivacyRpcs {

  private static final Pattern PRIVACY_REQUEST = Pattern.compile("privacyRequests/[A-Za-z0-9_-]{1,64}");
  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final CustomerErasure erasure;
  private final CustomerStore customers;
  private final MergeJournal merges;
  private final MergeCandidateStore candidates;
  private final CustomerMessages customerMessages;
  private final MergeMessages mergeMessages;
  private final ConsentBook consents;
  private final InteractionLog interactions;
  private final AuditTrail audit;
  private final PrivacyRequests privacyRequests;

  PrivacyRpcs(CustomerErasure erasure, CustomerStore customers, MergeJournal merges, MergeCandidateStore candidates,
      CustomerMessages customerMessages, MergeMessages mergeMessages, ConsentBook consents,
      InteractionLog interactions, AuditTrail audit, PrivacyRequests privacyRequests) {
    this.privacyRequests = privacyRequests;
    this.consents = consents;
    this.interactions = interactions;
    this.audit = audit;
    this.erasure = erasure;
    this.customers = customers;
    this.merges = merges;
    this.candidates = candidates;
    this.customerMessages = customerMessages;
    this.mergeMessages = mergeMessages;
  }

  EraseCustomerResponse erase(EraseCustomerRequest request) {
    Set<String> ids = customerIds(request.getCustomerIdsList());
    String privacyRequest = privacyRequest(request.getPrivacyRequest());
    CustomerErasure.Receipt receipt = erasure.erase(ids, privacyRequest);
    EraseCustomerResponse.Builder response = EraseCustomerResponse.newBuilder()
        .setCompleteTime(CustomerMessages.timestamp(receipt.completeTime()));
    receipt.dispositions().forEach(d -> response.addDispositions(DispositionMessages.toMessage(d)));
    return response.build();
  }

  /**
   * Everything this service holds on the ids, in one page. A customer's records here are few
   * (profile, merges, candidates, consent changes, touchpoints, audit entries), so one message
   * holds them; the page token is there for customers whose history would outgrow it.
   */
  ExportCustomerDataResponse export(ExportCustomerDataRequest request) {
    Set<String> ids = customerIds(request.getCustomerIdsList());
    privacyRequest(request.getPrivacyRequest());
    if (request.getPageSize() < 0) {
      throw InvalidArgumentException.of("page_size", "must not be negative");
    }
    if (!request.getPageToken().isEmpty()) {
      throw InvalidArgumentException.of("page_token", "is not a token this service issued");
    }
    CustomerDataExport.Builder data = CustomerDataExport.newBuilder();
    Set<String> mergeIds = new LinkedHashSet<>();
    for (String id : ids) {
      customers.find(id).ifPresent((Customer c) -> data.addCustomers(customerMessages.toMessage(c)));
      for (MergeRecord record : merges.listFor(id, "", 1000)) {
        if (mergeIds.add(record.id())) {
          data.addMerges(mergeMessages.toMessage(record));
        }
      }
    }
    candidates.list("", "", 1000).stream()
        .filter(c -> c.customerIds().stream().anyMatch(ids::contains))
        .forEach(c -> data.addMergeCandidates(mergeMessages.toMessage(c)));
    interactions.allOf(ids).forEach(i -> data.addInteractions(InteractionMessages.toMessage(i)));
    consents.historyOf(ids).forEach(c -> data.addConsentChanges(ConsentMessages.toMessage(c)));
    audit.entriesOf(ids).forEach(e -> data.addAuditEntries(AuditRpcs.toMessage(e)));
    privacyRequests.about(List.copyOf(ids))
        .forEach(r -> data.addPrivacyRequests(PrivacyRequestMessages.toMessage(r)));
    ExportCustomerDataResponse.Builder response = ExportCustomerDataResponse.newBuilder().setData(data);
    response.addDispositions(exported("customer_profile", data.getCustomersCount()));
    response.addDispositions(exported("merge_record", data.getMergesCount()));
    response.addDispositions(exported("merge_candidate", data.getMergeCandidatesCount()));
    response.addDispositions(exported("interaction", data.getInteractionsCount()));
    response.addDispositions(exported("consent_change", data.getConsentChangesCount()));
    response.addDispositions(exported("audit_entry", data.getAuditEntriesCount()));
    response.addDispositions(exported("privacy_request", data.getPrivacyRequestsCount()));
    return response.build();
  }

  private static DataDispositionEntry exported(String recordType, long count) {
    return DataDispositionEntry.newBuilder().setRecordType(recordType)
        .setDisposition(DataDisposition.DATA_DISPOSITION_EXPORTED).setRecordCount(count).build();
  }

  private static Set<String> customerIds(List<String> given) {
    if (given.isEmpty()) {
      throw InvalidArgumentException.of("customer_ids", "needs at least one customer id");
    }
    if (given.size() > TimelinePaging.MAX_CUSTOMER_IDS) {
      throw InvalidArgumentException.of("customer_ids", "holds more than " + TimelinePaging.MAX_CUSTOMER_IDS + " ids");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      if (!CUSTOMER_ID.matcher(given.get(i)).matches()) {
        throw InvalidArgumentException.of("customer_ids[" + i + "]", "is not a customer id");
      }
      ids.add(given.get(i));
    }
    return ids;
  }

  private static String privacyRequest(String name) {
    if (!PRIVACY_REQUEST.matcher(name).matches()) {
      throw InvalidArgumentException.of("privacy_request", "must be a name like privacyRequests/{privacy_request}");
    }
    return name;
  }
}
