package cx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's processes as the operating system sees them: resident memory and CPU time
 * of each, read from {@code /proc} by the process ids {@code bin/cx} keeps in its state folder.
 */
final class Processes {

  /** One process at one moment: resident set size in bytes and CPU seconds used so far. */
  record Usage(long rssBytes, double cpuSeconds) {
  }

  private final Map<String, Long> pids;
  private final double ticksPerSecond;

  Processes(Map<String, Long> pids, double ticksPerSecond) {
    this.pids = pids;
    this.ticksPerSecond = ticksPerSecond;
  }

  /** The processes named by {@code <name>.pid} files in {@code runDirectory}. */
  static Processes in(Path runDirectory, double ticksPerSecond) throws IOException {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (String name : new String[] {"profile", "feedback", "returns", "gateway"}) {
      Path file = runDirectory.resolve(name + ".pid");
      if (Files.exists(file)) {
        pids.put(name, Long.parseLong(Files.readString(file).strip()));
      }
    }
    return new Processes(pids, ticksPerSecond);
  }

  Map<String, Long> pids() {
    return pids;
  }

  /** The usage of every process now; a process that is gone is left out. */
  Map<String, Usage> now() {
    Map<String, Usage> usage = new LinkedHashMap<>();
    pids.forEach((name, pid) -> read(pid).ifPresent(u -> usage.put(name, u)));
    return usage;
  }

  private Optional<Usage> read(long pid) {
    try {
      Path proc = Path.of("/proc", Long.toString(pid));
      long rss = 0;
      for (String line : Files.readAllLines(proc.resolve("status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return Optional.of(new Usage(rss, cpuTicks(Files.readString(proc.resolve("stat"))) / ticksPerSecond));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** User plus system time from a {@code /proc/<pid>/stat} line, whose name field may hold spaces. */
  static long cpuTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // After the name: state is field 3 of the line, utime 14 and stime 15.
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
