package cx.profile.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityNormaliserTest {

  private final IdentityNormaliser normaliser = new IdentityNormaliser("GB");
  private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

  private Identity normalise(IdentityType type, String value) {
    return normaliser.normalise(type, value, "", "", false, "", now, "identity");
  }

  @Nested
  class Emails {
    @Test
    void areTrimmedAndLowerCased() {
      assertThat(normalise(IdentityType.EMAIL, "  Ada.Lovelace@Example.COM ").value()).isEqualTo("ada.lovelace@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "a@b", "two@@example.com", "{\"$ne\": null}", "a b@example.com"})
    void thatAreMalformedAreRejectedNamingTheField(String value) {
      assertThatThrownBy(() -> normalise(IdentityType.EMAIL, value))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(e.violations().get(0).field()).isEqualTo("identity.value"));
    }
  }

  @Nested
  class Phones {
    @Test
    void nationalNumbersAreReadInTheDefaultRegionAndWrittenInE164() {
      assertThat(normalise(IdentityType.PHONE, "020 7946 0018").value()).isEqualTo("+442079460018");
    }

    @Test
    void internationalNumbersKeepTheirCountry() {
      assertThat(normalise(IdentityType.PHONE, "+1 (415) 555-2671").value()).isEqualTo("+14155552671");
    }

    @Test
    void theSameNumberWrittenTwoWaysGivesTheSameKey() {
      assertThat(normalise(IdentityType.PHONE, "+44 20 7946 0018").key())
          .isEqualTo(normalise(IdentityType.PHONE, "02079460018").key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000000000", "12", "phone", "+999 123"})
    void thatCannotBeNumbersAreRejected(String value) {
      assertThatThrownBy(() -> normalise(IdentityType.PHONE, value)).isInstanceOf(InvalidArgumentException.class);
    }
  }

  @Nested
  class Handles {
    @Test
    void areCaseFoldedWithoutTheirAtSignAndKeyedByNetwork() {
      Identity handle = normaliser.normalise(IdentityType.SOCIAL_HANDLE, "@AdaL", "Instagram", "", false, "", now, "i");

      assertThat(handle.value()).isEqualTo("adal");
      assertThat(handle.key()).isEqualTo("social:instagram:adal");
    }

    @Test
    void haveOneFormOnly() {
      assertThatThrownBy(() -> normaliser.normalise(IdentityType.SOCIAL_HANDLE, "@@adal", "instagram", "", false, "",
          now, "i")).isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(e.violations().get(0).field()).isEqualTo("i.value"));
    }

    @Test
    void needANetwork() {
      assertThatThrownBy(() -> normalise(IdentityType.SOCIAL_HANDLE, "adal"))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(e.violations().get(0).field()).isEqualTo("identity.network"));
    }
  }

  @Test
  void externalIdsAreKeyedByTheirSystem() {
    Identity external = normaliser.normalise(IdentityType.EXTERNAL_ID, "12345", "", "CRM", false, "", now, "i");

    assertThat(external.key()).isEqualTo("external:crm:12345");
  }

  @Test
  void oversizedValuesAreRejected() {
    assertThatThrownBy(() -> normalise(IdentityType.DEVICE_ID, "d".repeat(321)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("longer than");
  }
}
