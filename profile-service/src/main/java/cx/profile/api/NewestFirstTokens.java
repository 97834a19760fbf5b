package cx.profile.api;

import cx.profile.domain.RecordPosition;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.paging.PageTokens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Page tokens for lists ordered newest first by (time, id), such as the consent history and the
 * audit log: a token carries the last record's time and id, signed and tied to one method and
 * one query, so a token that was altered or issued for another query is refused.
 */
final class NewestFirstTokens {

  private final PageTokens tokens;

  NewestFirstTokens(PageTokens tokens) {
    this.tokens = tokens;
  }

  /** The position a token continues from; empty for the first page. */
  Optional<RecordPosition> position(String token, String method, List<String> query) {
    List<String> key = tokens.decode(token, PageTokens.fingerprint(method, query));
    if (key.isEmpty()) {
      return Optional.empty();
    }
    if (key.size() != 3) {
      throw InvalidArgumentException.of("page_token", "is not a token this service issued");
    }
    try {
      return Optional.of(new RecordPosition(Instant.ofEpochSecond(Long.parseLong(key.get(0)), Long.parseLong(key.get(1))),
          key.get(2)));
    } catch (RuntimeException e) {
      throw InvalidArgumentException.of("page_token", "is not a token this service issued");
    }
  }

  /** The token continuing after a record with this time and id; empty when there is no more. */
  String next(boolean hasMore, String method, List<String> query, Instant lastTime, String lastId) {
    if (!hasMore) {
      return "";
    }
    return tokens.encode(PageTokens.fingerprint(method, query),
        List.of(Long.toString(lastTime.getEpochSecond()), Integer.toString(lastTime.getNano()), lastId));
  }
}
