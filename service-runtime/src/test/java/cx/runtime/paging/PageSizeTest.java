package cx.runtime.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class PageSizeTest {

  @Test
  void zeroMeansTheDefault() {
    assertThat(PageSize.coerce(0)).isEqualTo(50);
  }

  @Test
  void sizesAboveTheMaximumAreLoweredToIt() {
    assertThat(PageSize.coerce(10_000)).isEqualTo(1000);
    assertThat(PageSize.coerce(1000)).isEqualTo(1000);
    assertThat(PageSize.coerce(7)).isEqualTo(7);
  }

  @Test
  void aNegativeSizeIsTheCallersMistake() {
    assertThatThrownBy(() -> PageSize.coerce(-1)).isInstanceOf(InvalidArgumentException.class);
  }
}
