package cx.profile.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewCustomerTest {

  @Test
  void attributesWithinTheContractAreAccepted() {
    Map<String, String> traits = new HashMap<>();
    for (int i = 0; i < NewCustomer.MAX_TRAITS; i++) {
      traits.put("trait_" + i, "v");
    }
    traits.put("k" + "x".repeat(63), "y".repeat(NewCustomer.MAX_TRAIT_VALUE_LENGTH));
    traits.remove("trait_0");

    NewCustomer customer = customer(new Attributes("de-CH", "Europe/Zurich", "gold-plus_2", traits));

    assertThat(customer.attributes().traits()).hasSize(NewCustomer.MAX_TRAITS);
    assertThat(customer(new Attributes("", "", "", Map.of())).attributes().locale()).isEmpty();
    assertThat(customer(new Attributes("zh-Hant-TW", "UTC", "a", Map.of())).attributes().timeZone()).isEqualTo("UTC");
  }

  @Test
  void eachAttributeOutsideTheContractIsNamed() {
    assertThat(violations(new Attributes("not a tag", "", "", Map.of()))).containsExactly("customer.attributes.locale");
    assertThat(violations(new Attributes("de-" + "x".repeat(33), "", "", Map.of())))
        .containsExactly("customer.attributes.locale");
    for (String zone : List.of("Mars/Olympus", "+01:00", "GMT+1", "europe/zurich")) {
      assertThat(violations(new Attributes("", zone, "", Map.of()))).as(zone)
          .containsExactly("customer.attributes.time_zone");
    }
    for (String tier : List.of("Gold", "gold tier", "x".repeat(33), "$gt")) {
      assertThat(violations(new Attributes("", "", tier, Map.of()))).as(tier)
          .containsExactly("customer.attributes.loyalty_tier");
    }
  }

  @Test
  void traitsOutsideTheContractAreRefused() {
    Map<String, String> tooMany = new HashMap<>();
    for (int i = 0; i <= NewCustomer.MAX_TRAITS; i++) {
      tooMany.put("trait_" + i, "v");
    }
    assertThat(violations(new Attributes("", "", "", tooMany))).containsExactly("customer.attributes.traits");
    for (String key : List.of("", "Store", "1st", "$where", "a.b", "pre-ferred", "k" + "x".repeat(64))) {
      assertThat(violations(new Attributes("", "", "", Map.of(key, "v")))).as(key)
          .containsExactly("customer.attributes.traits");
    }
    assertThat(violations(new Attributes("", "", "", Map.of("note", "x".repeat(NewCustomer.MAX_TRAIT_VALUE_LENGTH + 1)))))
        .containsExactly("customer.attributes.traits");
    assertThat(violations(new Attributes("", "", "", Map.of("note", "line\nbreak"))))
        .containsExactly("customer.attributes.traits");
  }

  private static NewCustomer customer(Attributes attributes) {
    return new NewCustomer("Ada Lovelace", "", "", attributes, List.of());
  }

  private static List<String> violations(Attributes attributes) {
    try {
      customer(attributes);
    } catch (InvalidArgumentException e) {
      return e.violations().stream().map(FieldViolation::field).toList();
    }
    assertThatThrownBy(() -> customer(attributes)).as("expected a refusal").isInstanceOf(InvalidArgumentException.class);
    return List.of();
  }
}
