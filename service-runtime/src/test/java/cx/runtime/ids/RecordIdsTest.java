package cx.runtime.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

  @Test
  void aDerivedIdIsTheSameForTheSameKeyAndDiffersWhenPartsShift() {
    assertThat(RecordIds.derived(20, "customer", "survey")).isEqualTo(RecordIds.derived(20, "customer", "survey"));
    assertThat(RecordIds.derived(20, "ab", "c")).isNotEqualTo(RecordIds.derived(20, "a", "bc"));
    assertThat(RecordIds.derived(26, "x")).hasSize(26).matches("[a-km-z2-9]+");
  }

  @Test
  void randomIdsDoNotRepeat() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(ids.add(RecordIds.random(16))).isTrue();
    }
  }
}
