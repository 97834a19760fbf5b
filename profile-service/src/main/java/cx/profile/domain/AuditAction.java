package cx.profile.domain;

/** What an audit entry records. */
public enum AuditAction {
  CUSTOMER_CREATED,
  CUSTOMER_UPDATED,
  IDENTITY_ADDED,
  IDENTITY_REMOVED,
  IDENTITY_VERIFIED,
  /** An identifier was not attached: blocked value or per-type cap. */
  IDENTIFIER_REJECTED,
  /** Recorded on the survivor and on the merged customer. */
  CUSTOMERS_MERGED,
  /** Recorded on both customers of a reversed merge. */
  CUSTOMER_UNMERGED,
  MERGE_REPAIRED,
  MERGE_CANDIDATE_RECORDED,
  MERGE_CANDIDATE_DISMISSED,
  CONSENT_CHANGED,
  EXPORT_REQUESTED,
  ERASURE_REQUESTED,
  CUSTOMER_ERASED
}
