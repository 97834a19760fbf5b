package cx.profile.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Export pages in memory, for domain tests. */
final class InMemoryExportDocumentStore implements ExportDocumentStore {

  final Map<String, byte[]> pages = new ConcurrentHashMap<>();

  @Override
  public void keepPage(String requestId, PlatformService service, int index, byte[] records) {
    pages.put(requestId + ":" + service + ":" + index, records.clone());
  }

  @Override
  public List<byte[]> pages(String requestId, PlatformService service, int count) {
    List<byte[]> found = new ArrayList<>();
    for (int i = 0; i < count && pages.containsKey(requestId + ":" + service + ":" + i); i++) {
      found.add(pages.get(requestId + ":" + service + ":" + i));
    }
    return found;
  }

  @Override
  public void drop(String requestId) {
    pages.keySet().removeIf(key -> key.startsWith(requestId + ":"));
  }

  long pagesOf(String requestId) {
    return pages.keySet().stream().filter(key -> key.startsWith(requestId + ":")).count();
  }
}
