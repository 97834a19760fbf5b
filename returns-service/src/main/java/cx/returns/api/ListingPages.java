package cx.returns.api;

import cx.returns.domain.CustomerRecords;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.paging.PageTokens;
import java.util.List;

/**
 * Page tokens of the customer listings: a signed position in the customer's reference list,
 * valid only for the method, customer and filters it was issued for.
 */
final class ListingPages {

  private final PageTokens tokens;

  ListingPages(PageTokens tokens) {
    this.tokens = tokens;
  }

  /** The position a token continues from, or -1 for the first page. */
  int position(String method, List<String> query, String pageToken) {
    List<String> key = tokens.decode(pageToken, PageTokens.fingerprint(method, query));
    if (key.isEmpty()) {
      return -1;
    }
    try {
      int position = Integer.parseInt(key.get(0));
      if (key.size() != 1 || position < 0) {
        throw new NumberFormatException();
      }
      return position;
    } catch (NumberFormatException e) {
      throw InvalidArgumentException.of("page_token", "is not a token this service issued");
    }
  }

  /** The token of the page after this one, or empty after the last. */
  String nextToken(String method, List<String> query, CustomerRecords.Page<?> page) {
    return page.nextPosition() < 0 ? ""
        : tokens.encode(PageTokens.fingerprint(method, query), List.of(String.valueOf(page.nextPosition())));
  }
}
