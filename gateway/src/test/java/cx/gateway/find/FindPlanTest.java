package cx.gateway.find;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.gateway.transcoding.BadHttpRequestException;
import cx.profile.v1.IdentityType;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FindPlanTest {

  private static final List<String> NETWORKS = List.of("instagram", "x");

  private static List<String> matchedBy(String query) {
    return FindPlan.of(query, NETWORKS).probes().stream().map(FindPlan.Probe::matchedBy).toList();
  }

  @Nested
  class AnIdentifierIsAskedForOnlyInItsOwnShape {

    @Test
    void anEmailIsSearchedAsAnEmailAndNothingElse() {
      assertThat(FindPlan.of("Ada.Lovelace@example.com", NETWORKS).probes())
          .containsExactly(new FindPlan.Search("email", "Ada.Lovelace@example.com", "email"));
    }

    @Test
    void aHalfTypedEmailIsNotSentAsAnEmail() {
      assertThat(matchedBy("ada@exam")).doesNotContain("email");
    }

    @Test
    void aPhoneNumberInAnySpellingIsSearchedAsAPhone() {
      assertThat(FindPlan.of("+44 20 7946 0018", NETWORKS).probes())
          .containsExactly(new FindPlan.Search("phone", "+44 20 7946 0018", "phone"));
      assertThat(matchedBy("(020) 7946-0018")).containsExactly("phone");
    }

    @Test
    void fewerThanSixDigitsAreNotAPhoneNumber() {
      assertThat(matchedBy("12345")).doesNotContain("phone");
    }

    @Test
    void aBareHandleIsLookedUpOnEveryKnownNetworkWithoutItsAt() {
      assertThat(FindPlan.of("@ada.codes", NETWORKS).probes()).containsExactly(
          new FindPlan.Lookup(IdentityType.IDENTITY_TYPE_SOCIAL_HANDLE, "ada.codes", "instagram", "", "instagram handle"),
          new FindPlan.Lookup(IdentityType.IDENTITY_TYPE_SOCIAL_HANDLE, "ada.codes", "x", "", "x handle"));
    }

    @Test
    void oneWordMayBeAHandleALoyaltyIdADeviceIdOrTheStartOfAName() {
      assertThat(matchedBy("LOY-100234"))
          .containsExactly("instagram handle", "x handle", "loyalty id", "device id", "name");
    }

    @Test
    void aPrefixedValueIsAnExternalIdOrAHandleOnThatNetworkOnly() {
      assertThat(FindPlan.of("CRM:CRM-2231", NETWORKS).probes()).containsExactly(
          new FindPlan.Lookup(IdentityType.IDENTITY_TYPE_SOCIAL_HANDLE, "CRM-2231", "crm", "", "crm handle"),
          new FindPlan.Lookup(IdentityType.IDENTITY_TYPE_EXTERNAL_ID, "CRM-2231", "", "crm", "crm id"));
    }

    @Test
    void severalWordsAreANameOnly() {
      assertThat(FindPlan.of("Ada Love", NETWORKS).probes())
          .containsExactly(new FindPlan.Search("name_prefix", "Ada Love", "name"));
    }

    @Test
    void aNamePrefixIsAskedForOnlyWithTwoToOneHundredCharacters() {
      // One letter outside the Basic Multilingual Plane is two chars in Java but one character.
      assertThat(matchedBy("\uD835\uDC9C")).doesNotContain("name");
      assertThat(matchedBy("\uD835\uDC9C\uD835\uDC9D")).contains("name");
      assertThat(matchedBy("Ab")).contains("name");
      assertThat(matchedBy("Ada " + "x".repeat(96))).contains("name");
      assertThat(matchedBy("Ada " + "x".repeat(97))).doesNotContain("name");
    }

    @Test
    void aNameWithAccentsIsANamePrefix() {
      assertThat(matchedBy("Zoë Ångström")).containsExactly("name");
    }
  }

  @Test
  void aQueryOfOneCharacterOrOverTwoHundredIsRefusedNamingTheParameter() {
    for (String query : List.of("", " a ", "x".repeat(201))) {
      assertThatThrownBy(() -> FindPlan.of(query, NETWORKS))
          .isInstanceOfSatisfying(BadHttpRequestException.class, e -> assertThat(e.field()).isEqualTo("query"));
    }
  }
}
