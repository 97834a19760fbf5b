package cx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessesTest {

  @Test
  void readsUserAndSystemTimeEvenWhenTheNameHoldsSpacesAndParentheses() {
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 30 0 100 0 0";
    assertThat(Processes.cpuTicks(stat)).isEqualTo(1234 + 567);
  }

  @Test
  void readsThisProcessFromProc() {
    long self = ProcessHandle.current().pid();
    Map<String, Processes.Usage> usage = new Processes(Map.of("self", self), 100).now();
    assertThat(usage).containsKey("self");
    assertThat(usage.get("self").rssBytes()).isGreaterThan(1_000_000);
    assertThat(usage.get("self").cpuSeconds()).isPositive();
  }

  @Test
  void leavesOutAProcessThatIsGone() {
    assertThat(new Processes(Map.of("gone", Long.MAX_VALUE), 100).now()).isEmpty();
  }
}
