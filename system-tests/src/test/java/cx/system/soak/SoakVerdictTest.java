package cx.system.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic behind the soak's report and verdict. */
class SoakVerdictTest {

  @Test
  void aSteadyRssHasNoSlopeAndOneGrowingByAMegabyteAMinuteHasASlopeOfOne() {
    List<Soak.Sample> steady = new ArrayList<>();
    List<Soak.Sample> growing = new ArrayList<>();
    for (int second = 0; second <= 300; second += 5) {
      // Noise of ±2 MB around 250 MB, the way a collected heap breathes.
      steady.add(new Soak.Sample(second, (250 + (second / 5 % 2 == 0 ? 2 : -2)) * 1024L));
      growing.add(new Soak.Sample(second, 250 * 1024L + second * 1024L / 60));
    }

    assertThat(Soak.Trend.mbPerMinute(steady)).isCloseTo(0, within(0.2));
    assertThat(Soak.Trend.mbPerMinute(growing)).isCloseTo(1, within(0.01));
  }

  @Test
  void theTrendLooksOnlyAtSamplesAfterTheWarmUp() {
    List<Soak.Sample> samples = List.of(new Soak.Sample(0, 100 * 1024L), new Soak.Sample(30, 200 * 1024L),
        new Soak.Sample(60, 240 * 1024L), new Soak.Sample(90, 240 * 1024L), new Soak.Sample(120, 240 * 1024L));

    assertThat(Soak.Trend.mbPerMinute(samples)).as("warm-up included").isGreaterThan(50);
    assertThat(Soak.Trend.mbPerMinute(Soak.Trend.after(samples, 60))).as("after warm-up").isZero();
    assertThat(Soak.Trend.mbPerMinute(List.of(new Soak.Sample(1, 5)))).as("one sample").isZero();
  }

  @Test
  void percentilesAreNearestRank() {
    List<Long> latencies = new ArrayList<>();
    for (long value = 1; value <= 100; value++) {
      latencies.add(101 - value);
    }

    assertThat(Soak.Latencies.percentile(latencies, 50)).isEqualTo(50);
    assertThat(Soak.Latencies.percentile(latencies, 99)).isEqualTo(99);
    assertThat(Soak.Latencies.percentile(latencies, 100)).isEqualTo(100);
    assertThat(Soak.Latencies.percentile(List.of(), 99)).isZero();
  }

  @Test
  void trafficKindsAddUpToTheWholeAndEveryRollPicksOne() {
    int total = 0;
    for (Soak.Kind kind : Soak.Kind.values()) {
      total += kind.percent;
    }

    assertThat(total).isEqualTo(100);
    assertThat(Soak.Kind.pick(0)).isEqualTo(Soak.Kind.CREATE_CUSTOMER);
    assertThat(Soak.Kind.pick(99)).isEqualTo(Soak.Kind.READ_SUMMARY);
  }
}
