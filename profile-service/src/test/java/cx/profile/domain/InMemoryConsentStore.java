package cx.profile.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A consent store in memory, for domain tests; it can be told to fail once mid-write. */
final class InMemoryConsentStore implements ConsentStore {

  final Map<String, CustomerConsents> books = new ConcurrentHashMap<>();
  final Map<String, ConsentChange> history = new ConcurrentHashMap<>();
  boolean failNextClearPending;

  @Override
  public Optional<CustomerConsents> find(String customerId) {
    return Optional.ofNullable(books.get(customerId));
  }

  @Override
  public List<CustomerConsents> findAll(Collection<String> customerIds) {
    return customerIds.stream().map(books::get).filter(b -> b != null).toList();
  }

  @Override
  public synchronized boolean save(CustomerConsents consents, long expectedVersion) {
    CustomerConsents stored = books.get(consents.customerId());
    long storedVersion = stored == null ? 0 : stored.version();
    if (storedVersion != expectedVersion) {
      return false;
    }
    books.put(consents.customerId(), consents);
    return true;
  }

  @Override
  public synchronized void clearPending(String customerId, String operationId) {
    if (failNextClearPending) {
      failNextClearPending = false;
      throw new IllegalStateException("the process died");
    }
    CustomerConsents stored = books.get(customerId);
    if (stored != null && stored.pending().map(p -> p.operationId().equals(operationId)).orElse(false)) {
      books.put(customerId, stored.settled());
    }
  }

  @Override
  public void appendHistory(List<ConsentChange> entries) {
    entries.forEach(e -> history.putIfAbsent(e.customerId() + ":" + e.sequence(), e));
  }

  @Override
  public List<ConsentChange> history(Collection<CustomerConsents> consentBooks) {
    List<ConsentChange> found = new ArrayList<>();
    for (CustomerConsents book : consentBooks) {
      for (long s = 1; s <= book.historyLength(); s++) {
        ConsentChange change = history.get(book.customerId() + ":" + s);
        if (change != null) {
          found.add(change);
        }
      }
    }
    return found;
  }

  @Override
  public synchronized ErasedConsents eraseAll(Collection<String> customerIds) {
    long decisions = 0;
    long entries = 0;
    for (String id : customerIds) {
      CustomerConsents book = books.remove(id);
      if (book != null) {
        decisions += book.current().size();
        for (long s = 1; s <= book.historyLength(); s++) {
          entries += history.remove(id + ":" + s) == null ? 0 : 1;
        }
      }
    }
    return new ErasedConsents(decisions, entries);
  }
}
