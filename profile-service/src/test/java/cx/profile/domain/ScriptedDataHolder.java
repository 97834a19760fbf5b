package cx.profile.domain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A service's part of privacy requests for domain tests: answers each call from a script (down,
 * refusing, or doing its part), and records the calls it got.
 */
final class ScriptedDataHolder implements PersonalDataHolder {

  private final PlatformService service;
  private final Clock clock;
  private final Deque<Unavailable> failures = new ArrayDeque<>();
  private final List<ExportPage> pages = new ArrayList<>();
  final List<List<String>> erasures = new ArrayList<>();
  final List<String> exportTokens = new ArrayList<>();
  private Runnable duringNextCall = () -> { };

  ScriptedDataHolder(PlatformService service, Clock clock) {
    this.service = service;
    this.clock = clock;
    pages.add(page(service.name().toLowerCase() + " records", 1, ""));
  }

  /** The next {@code times} calls fail as a service that is down. */
  ScriptedDataHolder down(int times) {
    for (int i = 0; i < times; i++) {
      failures.add(new Unavailable("UNAVAILABLE", true));
    }
    return this;
  }

  /** The next call is refused for good. */
  ScriptedDataHolder refuses(String reason) {
    failures.add(new Unavailable(reason, false));
    return this;
  }

  /** The export is these pages, each with a given number of records of kind "record". */
  ScriptedDataHolder exportPages(String... contents) {
    pages.clear();
    for (int i = 0; i < contents.length; i++) {
      pages.add(page(contents[i], i + 1, i + 1 < contents.length ? Integer.toString(i + 1) : ""));
    }
    return this;
  }

  /** Runs {@code action} inside the next call, as if another worker acted meanwhile. */
  ScriptedDataHolder duringNextCall(Runnable action) {
    duringNextCall = action;
    return this;
  }

  int calls() {
    return erasures.size() + exportTokens.size();
  }

  @Override
  public PlatformService service() {
    return service;
  }

  @Override
  public Erased erase(List<String> customerIds, String privacyRequest) {
    erasures.add(List.copyOf(customerIds));
    answerOrFail();
    return new Erased(List.of(new PersonalDataPart.Disposition(service.name().toLowerCase() + "_record", "REMOVED", 2,
        "")), clock.instant());
  }

  @Override
  public ExportPage export(List<String> customerIds, String privacyRequest, String pageToken) {
    exportTokens.add(pageToken);
    answerOrFail();
    return pages.get(pageToken.isEmpty() ? 0 : Integer.parseInt(pageToken));
  }

  private void answerOrFail() {
    Runnable action = duringNextCall;
    duringNextCall = () -> { };
    action.run();
    if (!failures.isEmpty()) {
      throw failures.poll();
    }
  }

  private static ExportPage page(String content, int records, String next) {
    return new ExportPage(content.getBytes(StandardCharsets.UTF_8),
        List.of(new PersonalDataPart.Disposition("record", "EXPORTED", records, "")), next);
  }
}
