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

  @Override
  public long clearPersonalContent(Collection<String> customerIds) {
    long cleared = 0;
    for (AuditEntry e : entriesOf(customerIds)) {
      if (!e.reason().isEmpty() || e.details().identities().stream().anyMatch(i -> !i.value().isEmpty())) {
        entries.put(e.id(), new AuditEntry(e.id(), e.customerId(), e.action(), e.actor(), "", e.rule(),
            e.details().withIdentities(e.details().identities().stream()
                .map(i -> new Identity(i.type(), "", "", "", false, "", i.createTime())).toList()),
            e.createTime()));
        cleared++;
      }
    }
    return cleared;
  }
}
