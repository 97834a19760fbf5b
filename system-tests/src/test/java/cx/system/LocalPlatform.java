package cx.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * The platform as {@code bin/cx} runs it, on free ports and with its state (process ids, logs,
 * the embedded store's files) in a directory of its own, so tests never touch a developer's
 * running platform.
 */
final class LocalPlatform {

  /** What one {@code bin/cx} command printed and how it exited. */
  record Outcome(int exitCode, String output) {
  }

  /**
   * Personal values the demo data and the tests send, as they send them: none may be logged
   * (emails and international phone numbers are looked for by pattern as well).
   */
  static final List<String> PERSONAL_VALUES = List.of("Ada Lovelace", "Grace Hopper", "Alan Turing",
      "Katherine Johnson", "020 7946 0018", "07911 123456", "+1 415 555 2671", "415 555 0199");

  /** How many requests at once a client may send to the platform under test. */
  static final int RATE_LIMIT_BURST = 100;

  private final Path root;
  private final Path state;
  private final Map<String, String> environment = new LinkedHashMap<>();

  LocalPlatform(Path state) throws IOException {
    this(state, Map.of());
  }

  /** With settings of its own, e.g. a rate limit a test that sends thousands of requests needs. */
  LocalPlatform(Path state, Map<String, String> settings) throws IOException {
    this.root = projectRoot();
    this.state = state;
    List<String> names = List.of("PROFILE_GRPC_PORT", "FEEDBACK_GRPC_PORT", "RETURNS_GRPC_PORT",
        "PROFILE_HTTP_PORT", "FEEDBACK_HTTP_PORT", "RETURNS_HTTP_PORT", "GATEWAY_PORT", "GATEWAY_GRPC_PORT");
    List<Integer> ports = freePorts(names.size());
    for (int i = 0; i < names.size(); i++) {
      environment.put(names.get(i), Integer.toString(ports.get(i)));
    }
    environment.put("CX_STATE_DIR", state.toString());
    // A busy machine may set a longer start-up limit.
    environment.put("CX_START_TIMEOUT", System.getenv().getOrDefault("CX_START_TIMEOUT", "180"));
    // A slow refill, so that a test can count the burst exactly.
    environment.put("CX_RATE_LIMIT_PER_SECOND", "0.1");
    environment.put("CX_RATE_LIMIT_BURST", Integer.toString(RATE_LIMIT_BURST));
    // Privacy requests call a service that was down again within a second or two of its return.
    environment.put("CX_PRIVACY_RETRY_MAX_DELAY", "1s");
    environment.putAll(settings);
  }

  /** The key bin/cx made to sign this platform's tokens. */
  byte[] signingKey() throws IOException {
    return java.util.Base64.getDecoder().decode(Files.readString(state.resolve("auth-key")).strip());
  }

  /** Sets an environment variable of every process the platform starts. */
  LocalPlatform with(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Runs {@code bin/cx <arguments>} and waits for it. */
  Outcome cx(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("bin/cx").toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    builder.environment().remove("MONGODB_URI");
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("bin/cx " + String.join(" ", arguments) + " did not finish");
    }
    return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /**
   * A bearer token for this platform, as {@code bin/cx token} prints it.
   *
   * @param role agent, customer or admin
   * @param subject the caller's subject (a customer's own customer id)
   */
  String token(String role, String subject) throws IOException, InterruptedException {
    Outcome outcome = cx("token", "--role", role, "--subject", subject);
    if (outcome.exitCode() != 0) {
      throw new IllegalStateException("bin/cx token failed: " + outcome.output());
    }
    return outcome.output().strip();
  }

  /**
   * Runs {@code bin/demo-data} against the gateway and returns the main demo customer's resource
   * name. The script is idempotent, so running it again after {@code bin/cx up} loaded it (or
   * gave up on a slow first call) changes nothing that is there; a busy machine gets three tries.
   */
  String demoData() throws IOException, InterruptedException {
    String output = "";
    for (int attempt = 1; attempt <= 3; attempt++) {
      ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/demo-data").toString(), gateway())
          .directory(root.toFile()).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process process = builder.start();
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor(3, TimeUnit.MINUTES) && process.exitValue() == 0) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        return lines.get(lines.size() - 1).strip();
      }
      process.destroyForcibly();
    }
    throw new IllegalStateException("bin/demo-data failed three times: " + output);
  }

  /** The gateway's base URL. */
  String gateway() {
    return "http://localhost:" + environment.get("GATEWAY_PORT");
  }

  /** A port of the running platform, by its variable name. */
  int port(String name) {
    return Integer.parseInt(environment.get(name));
  }

  /** The process ids {@code bin/cx} recorded, by process name. */
  Map<String, Long> pids() throws IOException {
    Map<String, Long> pids = new LinkedHashMap<>();
    Path run = state.resolve("run");
    if (!Files.isDirectory(run)) {
      return pids;
    }
    try (var files = Files.list(run)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString().replace(".pid", "");
        pids.put(name, Long.parseLong(Files.readString(file).strip()));
      }
    }
    return pids;
  }

  /** The text of one process's log. */
  String log(String process) throws IOException {
    Path log = state.resolve("logs").resolve(process + ".log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /**
   * The log lines of every process that hold an email address or a phone number (in the
   * international form the platform stores, or as given), or one of the values given.
   */
  List<String> linesWithPersonalData(List<String> values) throws IOException {
    Pattern email = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    Pattern phone = Pattern.compile("\\+\\d{8,15}\\b");
    List<String> found = new ArrayList<>();
    for (String process : List.of("profile", "feedback", "returns", "gateway")) {
      for (String line : log(process).split("\n")) {
        boolean personal = email.matcher(line).find() || phone.matcher(line).find()
            || values.stream().anyMatch(line::contains);
        if (personal) {
          found.add(process + ": " + line);
        }
      }
    }
    return found;
  }

  /**
   * Stops the platform with {@code bin/cx down} and waits for each process it had running to
   * exit; fails, saying which, when the command fails or a process outlives it.
   */
  void downAndAwaitExit() throws IOException, InterruptedException {
    Map<String, Long> running = pids();
    Outcome down = cx("down");
    if (down.exitCode() != 0) {
      throw new AssertionError("bin/cx down failed: " + down.output());
    }
    for (long pid : running.values()) {
      awaitExit(pid, Duration.ofSeconds(5));
      if (alive(pid)) {
        throw new AssertionError("process " + pid + " is still running after bin/cx down");
      }
    }
  }

  /**
   * Sends {@code request} again, 200 ms apart, while its answer has a status that
   * {@code retried} accepts and {@code within} has not passed, as a client of the contracts
   * retries; the last answer.
   */
  static HttpResponse<String> sendRetrying(HttpClient http, HttpRequest request, IntPredicate retried,
      Duration within) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    while (retried.test(response.statusCode()) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    }
    return response;
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  static void awaitExit(long pid, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (alive(pid) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  /**
   * Distinct free ports below the range the system hands out for port 0 (32768 and up on
   * Linux): each process binds its own later, and one picked there could meanwhile go to a
   * process's embedded store or an outgoing connection, or be picked twice.
   */
  private static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int candidate = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
      while (held.size() < count && candidate < 32_768) {
        try {
          held.add(new ServerSocket(candidate++));
        } catch (IOException taken) {
          // Someone else's: try the next one.
        }
      }
      if (held.size() < count) {
        throw new IOException("no " + count + " free ports from 20000 to 32767");
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
  }

  /** The repository root: the nearest directory above this one that holds bin/cx. */
  static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("bin/cx"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("bin/cx not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
