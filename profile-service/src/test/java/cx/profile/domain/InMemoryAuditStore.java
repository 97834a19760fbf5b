package cx.profile.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An audit store in memory, for domain tests. */
final class InMemoryAuditStore implements AuditStore {

  final Map<String, AuditEntry> entries = new ConcurrentHashMap<>();

  @Override
  public void append(AuditEntry entry) {
    entries.putIfAbsent(entry.id(), entry);
  }

  @Override
  public List<AuditEntry> entriesOf(Collection<String> customerIds) {
    return entries.values().stream().filter(e -> customerIds.contains(e.customerId())).toList();
  }
}
