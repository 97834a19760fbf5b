package cx.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DerivedIdsTest {

  @Test
  void theSameKeyAlwaysGivesTheSameIdAndDifferentKeysDifferentOnes() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = DerivedIds.of("response", "customer" + i, "survey");
      assertThat(id).matches("[a-z2-9]{26}").isEqualTo(DerivedIds.of("response", "customer" + i, "survey"));
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void partsCannotBeShiftedIntoEachOther() {
    assertThat(DerivedIds.of("ab", "c")).isNotEqualTo(DerivedIds.of("a", "bc"));
  }
}
