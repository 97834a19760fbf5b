package cx.profile.domain;

import java.util.List;

/**
 * Where the records of an export wait for download: each service's section as the pages it sent,
 * one stored document per page, each far below the store's 16 MB document limit because the
 * whole export is held below {@link PrivacyFanOut}'s size limit. A page's bytes are opaque here;
 * the API turns them into the JSON document.
 */
public interface ExportDocumentStore {

  /** Keeps one page of a service's section; keeping the same page again overwrites it. */
  void keepPage(String requestId, PlatformService service, int index, byte[] records);

  /** The first {@code count} pages of a service's section, in order. */
  List<byte[]> pages(String requestId, PlatformService service, int count);

  /** Deletes every page of an export. */
  void drop(String requestId);
}
