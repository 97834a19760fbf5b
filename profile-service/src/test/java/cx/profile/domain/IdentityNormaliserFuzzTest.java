package cx.profile.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;

/**
 * Identifiers arrive as typed by customers and agents: whatever the text, normalising it either
 * gives an identity whose normal form is stable, or fails as {@code INVALID_ARGUMENT} naming the
 * field. Kept inputs: {@code src/test/resources/cx/profile/domain/IdentityNormaliserFuzzTestInputs/}.
 */
class IdentityNormaliserFuzzTest {

  private static final IdentityNormaliser NORMALISER = new IdentityNormaliser("GB");
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @FuzzTest(maxDuration = "2m")
  void anyIdentifierIsNormalisedOrRefusedAsInvalidArgument(FuzzedDataProvider data) {
    IdentityType type = data.pickValue(IdentityType.values());
    String network = data.consumeString(40);
    String system = data.consumeString(40);
    String value = data.consumeRemainingAsString();
    Identity identity;
    try {
      identity = NORMALISER.normalise(type, value, network, system, false, "", NOW, "identity");
    } catch (InvalidArgumentException expected) {
      assertThat(expected.violations()).allSatisfy(v -> assertThat(v.field()).startsWith("identity"));
      return;
    }
    // A normal form is a fixed point: normalising it again changes nothing.
    Identity again = NORMALISER.normalise(type, identity.value(), identity.network(), identity.system(), false, "",
        NOW, "identity");
    assertThat(again.key()).isEqualTo(identity.key());
  }
}
