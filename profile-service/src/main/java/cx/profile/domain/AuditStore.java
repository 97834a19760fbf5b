package cx.profile.domain;

import java.util.Collection;
import java.util.List;

/** Where audit entries are kept: append-only, listed per customer by key. */
public interface AuditStore {

  /** Appends an entry; an entry with the same id that is stored already is kept as it is. */
  void append(AuditEntry entry);

  /** Every entry recorded on these customers. */
  List<AuditEntry> entriesOf(Collection<String> customerIds);

  /**
   * Empties the reason and every identity value of the entries recorded on these customers,
   * keeping the rest; returns how many entries held such content.
   */
  long clearPersonalContent(Collection<String> customerIds);
}
