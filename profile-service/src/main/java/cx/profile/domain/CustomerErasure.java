package cx.profile.domain;

import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.CustomerEventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * profile-service's part of erasing a customer: identities are released (so a new customer may
 * use them), names and attributes removed, each profile left as an ERASED tombstone that keeps
 * only its id, state, merged-id set and times; merge records and candidates lose their personal
 * content; the timeline keeps one "erased" entry; every other area ({@link PersonalDataPart})
 * erases its own records. Irreversible and idempotent: the first receipt for a privacy request
 * is kept and returned again.
 */
public final class CustomerErasure {

  /** The outcome of an erasure. */
  public record Receipt(List<PersonalDataPart.Disposition> dispositions, Instant completeTime) {
  }

  /** Where receipts are kept, keyed by privacy request. */
  public interface ReceiptStore {
    /** The receipt already given for a privacy request. */
    Optional<Receipt> find(String privacyRequest);

    /** Keeps the receipt of a privacy request (the first one wins). */
    void keep(String privacyRequest, Receipt receipt);
  }

  private final CustomerStore customers;
  private final MergeJournal merges;
  private final MergeCandidateStore candidates;
  private final CustomerEventLog events;
  private final List<PersonalDataPart> otherParts;
  private final ReceiptStore receipts;
  private final AuditTrail audit;
  private final Clock clock;

  public CustomerErasure(CustomerStore customers, MergeJournal merges, MergeCandidateStore candidates,
      CustomerEventLog events, List<PersonalDataPart> otherParts, ReceiptStore receipts, AuditTrail audit,
      Clock clock) {
    this.audit = audit;
    this.customers = customers;
    this.merges = merges;
    this.candidates = candidates;
    this.events = events;
    this.otherParts = List.copyOf(otherParts);
    this.receipts = receipts;
    this.clock = clock;
  }

  /** Erases the customers with these ids (a profile and every id merged into it). */
  public Receipt erase(Set<String> customerIds, String privacyRequest) {
    if (customerIds.isEmpty()) {
      throw InvalidArgumentException.of("customer_ids", "needs at least one customer id");
    }
    Optional<Receipt> given = receipts.find(privacyRequest);
    if (given.isPresent()) {
      return given.get();
    }
    Instant now = clock.instant();
    long profiles = 0;
    long identities = 0;
    Set<String> all = new LinkedHashSet<>(customerIds);
    for (String id : customerIds) {
      customers.find(id).ifPresent(c -> all.addAll(c.mergedIds()));
    }
    for (String id : all) {
      Optional<Customer> found = customers.find(id);
      if (found.isEmpty() || found.get().state() == CustomerState.ERASED && found.get().identities().isEmpty()) {
        continue;
      }
      Customer customer = found.get();
      for (Identity identity : customer.identities()) {
        customers.releaseIdentity(identity.key(), id);
        identities++;
      }
      Customer tombstone = new Customer(id, "", "", "", Attributes.NONE, Map.of(), List.of(), CustomerState.ERASED,
          customer.mergedInto(), customer.mergedIds(), "", customer.createTime(), now, customer.version() + 1);
      if (!customers.replace(tombstone, customer.version())) {
        // Changed while we erased: erase what is there now.
        return erase(customerIds, privacyRequest);
      }
      profiles++;
      events.forget(id);
    }
    long mergeRecords = 0;
    for (String id : all) {
      for (MergeRecord record : merges.listFor(id, "", 1000)) {
        if (merges.pseudonymise(record.id())) {
          mergeRecords++;
        }
      }
    }
    long candidateLinks = 0;
    for (String id : all) {
      candidateLinks += candidates.forgetLinks(id);
    }
    List<PersonalDataPart.Disposition> dispositions = new ArrayList<>();
    dispositions.add(new PersonalDataPart.Disposition("customer_profile", "PSEUDONYMISED", profiles,
        "Names and attributes removed; an erased placeholder keeps the id so that other records are not orphaned."));
    dispositions.add(new PersonalDataPart.Disposition("identity", "REMOVED", identities,
        "Email addresses, phone numbers, handles, loyalty, device and external ids removed and free for reuse."));
    dispositions.add(new PersonalDataPart.Disposition("merge_record", "PSEUDONYMISED", mergeRecords,
        "The profiles as they were before each merge removed; which ids were merged is kept."));
    dispositions.add(new PersonalDataPart.Disposition("merge_candidate", "PSEUDONYMISED", candidateLinks,
        "The identifiers that linked the profile to suspected duplicates removed."));
    dispositions.add(new PersonalDataPart.Disposition("timeline_event", "REMOVED", all.size(),
        "The profile's history entries removed."));
    for (PersonalDataPart part : otherParts) {
      dispositions.addAll(part.erase(all, now));
    }
    String survivor = customerIds.iterator().next();
    events.record(new CustomerEvent("erased-" + privacyRequest.replace('/', '-'), survivor, now, "profile.erased", "",
        "", "customers/" + survivor, List.of(), Map.of()));
    audit.recordOnce("erased:" + privacyRequest, survivor, AuditAction.CUSTOMER_ERASED, Actor.SYSTEM, "", "",
        AuditDetails.NONE.withPrivacyRequest(privacyRequest.substring(privacyRequest.indexOf('/') + 1)), now);
    Receipt receipt = new Receipt(dispositions, now);
    receipts.keep(privacyRequest, receipt);
    return receipts.find(privacyRequest).orElse(receipt);
  }
}
