package cx.profile.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Privacy requests in memory, with the same claim, version and queue rules as the store, for domain tests. */
final class InMemoryPrivacyRequestStore implements PrivacyRequestStore {

  final Map<String, PrivacyRequest> requests = new ConcurrentHashMap<>();
  final Map<String, String> claims = new ConcurrentHashMap<>();
  final Map<String, Set<String>> refs = new ConcurrentHashMap<>();
  final Map<String, Instant> queue = new ConcurrentHashMap<>();

  @Override
  public Optional<PrivacyRequest> find(String id) {
    return Optional.ofNullable(requests.get(id));
  }

  @Override
  public void insertIfAbsent(PrivacyRequest request) {
    requests.putIfAbsent(request.id(), request);
  }

  @Override
  public synchronized boolean replace(PrivacyRequest updated, long expectedVersion) {
    PrivacyRequest current = requests.get(updated.id());
    if (current == null || current.version() != expectedVersion) {
      return false;
    }
    requests.put(updated.id(), updated);
    return true;
  }

  @Override
  public String claim(String openKey, String requestId) {
    return claims.computeIfAbsent(openKey, k -> requestId);
  }

  @Override
  public void release(String openKey, String requestId) {
    claims.remove(openKey, requestId);
  }

  @Override
  public void listUnder(String customerId, String requestId) {
    refs.computeIfAbsent(customerId, k -> ConcurrentHashMap.newKeySet()).add(requestId);
  }

  @Override
  public List<PrivacyRequest> ofCustomer(String customerId) {
    return refs.getOrDefault(customerId, Set.of()).stream().map(requests::get).toList();
  }

  @Override
  public List<PrivacyRequest> list(PrivacyRequestFilter filter, Optional<RecordPosition> after, int limit) {
    return requests.values().stream().filter(filter::matches)
        .filter(r -> after.map(p -> p.precedes(r.createTime(), r.id())).orElse(true))
        .sorted(Comparator.comparing(PrivacyRequest::createTime).thenComparing(PrivacyRequest::id).reversed())
        .limit(limit).toList();
  }

  @Override
  public List<PrivacyRequest> inProgress() {
    return requests.values().stream().filter(r -> r.state() == PrivacyRequestState.IN_PROGRESS).toList();
  }

  @Override
  public void schedule(String requestId, Instant due) {
    queue.put(requestId, due);
  }

  @Override
  public void unschedule(String requestId) {
    queue.remove(requestId);
  }

  @Override
  public List<String> due(Instant now, int limit) {
    List<Map.Entry<String, Instant>> due = new ArrayList<>();
    queue.entrySet().stream().filter(e -> !e.getValue().isAfter(now)).forEach(due::add);
    due.sort(Map.Entry.comparingByValue());
    return due.stream().limit(limit).map(Map.Entry::getKey).toList();
  }
}
