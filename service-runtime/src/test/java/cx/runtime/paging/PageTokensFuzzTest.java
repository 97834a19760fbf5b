package cx.runtime.paging;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import cx.runtime.failure.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Page tokens come straight from clients: whatever a token holds, reading it either gives a
 * position this codec issued or fails as {@code INVALID_ARGUMENT}, never with another exception.
 * Kept inputs: {@code src/test/resources/cx/runtime/paging/PageTokensFuzzTestInputs/}.
 */
class PageTokensFuzzTest {

  private static final PageTokens TOKENS = new PageTokens("a-local-test-key-of-enough-length");
  private static final String QUERY = PageTokens.fingerprint("ListThings", List.of("customers/a", "WEB"));

  @FuzzTest(maxDuration = "2m")
  void anyTokenIsReadOrRefusedAsInvalidArgument(FuzzedDataProvider data) {
    String token = data.consumeRemainingAsString();
    try {
      List<String> position = TOKENS.decode(token, QUERY);
      // Only a token signed with this key for this query gets here: its position reads back.
      assertThat(TOKENS.decode(TOKENS.encode(QUERY, position), QUERY)).isEqualTo(position);
    } catch (InvalidArgumentException expected) {
      assertThat(expected.violations()).extracting(v -> v.field()).containsExactly("page_token");
    }
  }

  @FuzzTest(maxDuration = "2m")
  void anyPositionReadsBackFromItsTokenAndOnlyForItsQuery(FuzzedDataProvider data) {
    String query = data.consumeString(64);
    List<String> key = new ArrayList<>();
    int parts = data.consumeInt(0, 4);
    for (int i = 0; i < parts; i++) {
      key.add(data.consumeString(64));
    }
    String token = TOKENS.encode(query, key);

    assertThat(TOKENS.decode(token, query)).isEqualTo(key);
    if (!query.equals(QUERY)) {
      try {
        TOKENS.decode(token, QUERY);
        throw new AssertionError("a token was read for a query it was not issued for");
      } catch (InvalidArgumentException expected) {
        assertThat(expected.getMessage()).isNotNull();
      }
    }
  }
}
