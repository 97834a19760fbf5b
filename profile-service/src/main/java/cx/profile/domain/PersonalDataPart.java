package cx.profile.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One area of profile-service that holds personal data (consents, interactions, the audit
 * trail, ...), as the erasure of a customer sees it.
 */
public interface PersonalDataPart {

  /**
   * Removes or pseudonymises what this area holds on the ids, irreversibly. Repeating it
   * removes nothing more.
   *
   * @return one line per kind of record, saying what happened to how many
   */
  List<Disposition> erase(Set<String> customerIds, Instant now);

  /**
   * What happened to one kind of record in an erasure or an export.
   *
   * @param recordType e.g. {@code customer_profile}, {@code identity}, {@code interaction}
   * @param action {@code REMOVED}, {@code PSEUDONYMISED}, {@code RETAINED} or {@code EXPORTED}
   * @param count how many records
   * @param description what it means, for the customer
   * @param retentionReason for {@code RETAINED} records, the legal basis; empty otherwise
   * @param retainUntil for {@code RETAINED} records, when they will be deleted, if known; null otherwise
   */
  record Disposition(String recordType, String action, long count, String description, String retentionReason,
      Instant retainUntil) {

    /** A disposition of records that are not retained. */
    public Disposition(String recordType, String action, long count, String description) {
      this(recordType, action, count, description, "", null);
    }

    /** The same line with {@code more} records added, for receipts summed over pages. */
    public Disposition plus(long more) {
      return new Disposition(recordType, action, count + more, description, retentionReason, retainUntil);
    }
  }
}
