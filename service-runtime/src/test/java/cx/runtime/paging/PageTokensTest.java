package cx.runtime.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.InvalidArgumentException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PageTokensTest {

  private final PageTokens tokens = new PageTokens("a-local-test-key-of-enough-length");
  private final String query = PageTokens.fingerprint("ListThings", List.of("customers/a", "WEB"));

  @Test
  void aTokenReadsBackTheKeyItWasIssuedFor() {
    String token = tokens.encode(query, List.of("1700000000000000", "evt-9"));

    assertThat(tokens.decode(token, query)).containsExactly("1700000000000000", "evt-9");
  }

  @Test
  void anEmptyTokenMeansTheFirstPage() {
    assertThat(tokens.decode("", query)).isEmpty();
  }

  @Nested
  class RejectsTokensItDidNotIssue {

    @Test
    void aTokenWithOneFlippedBitIsRejected() {
      byte[] raw = Base64.getUrlDecoder().decode(tokens.encode(query, List.of("5", "x")));
      raw[3] ^= 1;
      String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

      assertThatThrownBy(() -> tokens.decode(tampered, query))
          .isInstanceOf(InvalidArgumentException.class)
          .satisfies(e -> assertThat(((InvalidArgumentException) e).violations().get(0).field()).isEqualTo("page_token"));
    }

    @Test
    void aTokenIssuedForAnotherQueryIsRejected() {
      String other = PageTokens.fingerprint("ListThings", List.of("customers/b", "WEB"));
      String token = tokens.encode(other, List.of("5", "x"));

      assertThatThrownBy(() -> tokens.decode(token, query))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("different query");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() {
      String foreign = new PageTokens("another-key-of-sufficient-size").encode(query, List.of("5"));

      assertThatThrownBy(() -> tokens.decode(foreign, query)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void garbageIsRejected() {
      for (String garbage : List.of("!!!", "abc", "{\"$ne\": null}", "x".repeat(5000))) {
        assertThatThrownBy(() -> tokens.decode(garbage, query)).isInstanceOf(InvalidArgumentException.class);
      }
    }
  }

  @Test
  void fingerprintsDoNotCollideWhenParametersShiftBetweenFields() {
    assertThat(PageTokens.fingerprint("m", List.of("ab", "c")))
        .isNotEqualTo(PageTokens.fingerprint("m", List.of("a", "bc")));
  }
}
