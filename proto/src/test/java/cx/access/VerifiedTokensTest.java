package cx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void aVerifiedTokenIsRememberedUntilItExpires() {
    VerifiedTokens<String> tokens = new VerifiedTokens<>(10);
    tokens.put("t1", "alice", NOW.plusSeconds(60), NOW);

    assertThat(tokens.get("t1", NOW.plusSeconds(59))).isEqualTo("alice");
    assertThat(tokens.get("t1", NOW.plusSeconds(60))).isNull();
    assertThat(tokens.size()).isZero();
  }

  @Test
  void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
    VerifiedTokens<String> tokens = new VerifiedTokens<>(10);
    tokens.put("t1", "alice", NOW.plus(Duration.ofDays(1)), NOW);

    assertThat(tokens.get("t1", NOW.plus(VerifiedTokens.MAX_AGE).minusSeconds(1))).isEqualTo("alice");
    assertThat(tokens.get("t1", NOW.plus(VerifiedTokens.MAX_AGE))).isNull();
  }

  @Test
  void onlyTheExactTokenIsRecognised() {
    VerifiedTokens<String> tokens = new VerifiedTokens<>(10);
    tokens.put("header.payload.signature", "alice", NOW.plusSeconds(60), NOW);

    assertThat(tokens.get("header.payload.signaturf", NOW)).isNull();
    assertThat(tokens.get("header.payload.signature ", NOW)).isNull();
  }

  @Test
  void expiredAndOverlongTokensAreNotKept() {
    VerifiedTokens<String> tokens = new VerifiedTokens<>(10);
    tokens.put("expired", "alice", NOW, NOW);
    tokens.put("x".repeat(VerifiedTokens.MAX_TOKEN_LENGTH + 1), "bob", NOW.plusSeconds(60), NOW);
    tokens.put("no-expiry", "carol", null, NOW);

    assertThat(tokens.size()).isZero();
  }

  @Test
  void whenFullExpiredEntriesGoFirstThenAll() {
    VerifiedTokens<String> tokens = new VerifiedTokens<>(2);
    tokens.put("short", "a", NOW.plusSeconds(1), NOW);
    tokens.put("long", "b", NOW.plusSeconds(120), NOW);

    tokens.put("third", "c", NOW.plusSeconds(120), NOW.plusSeconds(2));
    assertThat(tokens.get("long", NOW.plusSeconds(2))).isEqualTo("b");
    assertThat(tokens.get("third", NOW.plusSeconds(2))).isEqualTo("c");

    tokens.put("fourth", "d", NOW.plusSeconds(120), NOW.plusSeconds(2));
    assertThat(tokens.size()).isEqualTo(1);
    assertThat(tokens.get("fourth", NOW.plusSeconds(2))).isEqualTo("d");
  }
}
