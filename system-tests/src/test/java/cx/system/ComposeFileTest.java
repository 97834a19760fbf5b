package cx.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/compose.yaml} as Compose itself reads it: {@code docker-compose config} (Compose
 * v1, which validates the file against the Compose schema; there is no Docker engine here to
 * start it) with the settings of {@code deploy/.env.example}, then what the platform needs of
 * the result.
 */
class ComposeFileTest {

  private static final Path ROOT = LocalPlatform.projectRoot();
  private static final Path COMPOSE = ROOT.resolve("deploy/compose.yaml");
  private static final Path ENV_EXAMPLE = ROOT.resolve("deploy/.env.example");
  private static final List<String> PROCESSES = List.of("profile-service", "feedback-service", "returns-service",
      "gateway");
  private static final Pattern REQUIRED = Pattern.compile("(?m)^([A-Z0-9_]+)=$");

  @TempDir
  static Path temporary;

  private static Map<String, Object> services;
  private static String composeMissing;

  /** The configuration Compose resolves, with every value the example leaves empty filled in. */
  @BeforeAll
  static void resolveTheConfiguration() throws Exception {
    Path env = temporary.resolve("filled.env");
    Files.writeString(env, REQUIRED.matcher(Files.readString(ENV_EXAMPLE)).replaceAll("$1=test-secret-$1"));
    Run config = compose(env);
    if (config == null) {
      return;
    }
    assertThat(config.exitCode()).as(config.errors()).isZero();
    Map<String, Object> resolved = new Yaml().load(config.output());
    services = map(resolved.get("services"));
  }

  /** Skips a test that needs Compose's reading of the file when Compose is not installed. */
  private static void needsCompose() {
    Assumptions.assumeTrue(services != null, () -> composeMissing);
  }

  @Test
  void everyProcessAndTheStoreHaveAHealthCheckARestartPolicyAndAMemoryLimit() {
    needsCompose();
    for (String name : List.of("mongo", "profile-service", "feedback-service", "returns-service", "gateway")) {
      Map<String, Object> service = map(services.get(name));
      assertThat(service).as(name).containsKeys("healthcheck", "restart", "mem_limit");
      assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
      assertThat(map(service.get("healthcheck")).get("test").toString()).as(name).isNotBlank();
    }
  }

  @Test
  void servicesWaitForAHealthyInitialisedStoreAndTheGatewayForHealthyServices() {
    needsCompose();
    for (String name : List.of("profile-service", "feedback-service", "returns-service")) {
      Map<String, Object> dependsOn = map(map(services.get(name)).get("depends_on"));
      assertThat(map(dependsOn.get("mongo"))).as(name).containsEntry("condition", "service_healthy");
      assertThat(map(dependsOn.get("mongo-init"))).as(name).containsEntry("condition", "service_completed_successfully");
    }
    Map<String, Object> gateway = map(map(services.get("gateway")).get("depends_on"));
    for (String name : List.of("profile-service", "feedback-service", "returns-service")) {
      assertThat(map(gateway.get(name))).containsEntry("condition", "service_healthy");
    }
  }

  @Test
  void mongoIsAReplicaSetKeepingItsDataInANamedVolume() {
    needsCompose();
    Map<String, Object> mongo = map(services.get("mongo"));
    assertThat(mongo.get("command").toString()).contains("--replSet").contains("--keyFile");
    assertThat(mongo.get("volumes").toString()).contains("mongo-data:/data/db").contains("/data/configdb");
    assertThat(map(services.get("mongo-init")).get("command").toString()).contains("init-replica-set.js");
  }

  @Test
  void eachServiceHasItsOwnDatabaseAndCredentials() {
    needsCompose();
    Set<String> users = new TreeSet<>();
    for (String name : List.of("profile-service", "feedback-service", "returns-service")) {
      String uri = (String) map(map(services.get(name)).get("environment")).get("MONGODB_URI");
      String database = "cx_" + name.substring(0, name.indexOf('-'));
      assertThat(uri).as(name).startsWith("mongodb://" + database + ":")
          .contains("@mongo:27017/" + database + "?").contains("replicaSet=").contains("authSource=" + database);
      users.add(uri.substring("mongodb://".length(), uri.indexOf(':', "mongodb://".length())));
    }
    assertThat(users).hasSize(3);
  }

  @Test
  void theServicesFindEachOtherByName() {
    needsCompose();
    Map<String, Object> gateway = map(map(services.get("gateway")).get("environment"));
    Map<String, Object> profile = map(map(services.get("profile-service")).get("environment"));
    assertThat(gateway).containsEntry("CX_PROFILE_TARGET", "static://profile-service:9091")
        .containsEntry("CX_FEEDBACK_TARGET", "static://feedback-service:9092")
        .containsEntry("CX_RETURNS_TARGET", "static://returns-service:9093");
    assertThat(profile).containsEntry("CX_FEEDBACK_TARGET", "static://feedback-service:9092")
        .containsEntry("CX_RETURNS_TARGET", "static://returns-service:9093");
    assertThat(map(map(services.get("feedback-service")).get("environment")))
        .containsEntry("CX_PROFILE_TARGET", "static://profile-service:9091");
  }

  @Test
  void onlyTheGatewayIsPublishedItsRestAndGrpcPortsOnTheLoopbackByDefault() {
    needsCompose();
    for (String name : List.of("mongo", "mongo-init", "profile-service", "feedback-service", "returns-service")) {
      assertThat(map(services.get(name))).as(name).doesNotContainKey("ports");
    }
    String ports = map(services.get("gateway")).get("ports").toString();
    assertThat(ports).contains("8080").contains("8081");
  }

  @Test
  void eachProcessIsBuiltFromATargetOfTheDockerfile() throws IOException {
    needsCompose();
    String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
    for (String name : PROCESSES) {
      Map<String, Object> build = map(map(services.get(name)).get("build"));
      assertThat(build.get("dockerfile")).isEqualTo("deploy/Dockerfile");
      assertThat(dockerfile).as(name).containsPattern("(?m)^FROM \\S+ AS " + build.get("target") + "$");
    }
  }

  @Test
  void withoutItsSecretsComposeRefusesToStartAndSaysWhichIsMissing() throws Exception {
    needsCompose();
    Run config = compose(ENV_EXAMPLE);

    assertThat(config.exitCode()).isNotZero();
    assertThat(config.errors()).containsPattern("set [A-Z_]+ in deploy/.env");
  }

  @Test
  void everySettingTheComposeFileReadsIsDocumentedInTheEnvExampleAndNoOtherIs() throws IOException {
    Set<String> read = new TreeSet<>();
    Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(COMPOSE));
    while (variable.find()) {
      read.add(variable.group(1));
    }
    Set<String> documented = new TreeSet<>();
    Matcher setting = Pattern.compile("(?m)^([A-Z0-9_]+)=").matcher(Files.readString(ENV_EXAMPLE));
    while (setting.find()) {
      documented.add(setting.group(1));
    }

    assertThat(documented).isEqualTo(read);
  }

  private record Run(int exitCode, String output, String errors) {
  }

  /** {@code docker-compose config} with an env file; null when Compose is not installed. */
  private static Run compose(Path envFile) throws IOException, InterruptedException {
    List<String> command = List.of("docker-compose", "-f", COMPOSE.toString(), "--env-file", envFile.toString(),
        "config");
    Path errors = Files.createTempFile(temporary, "compose", ".err");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    } catch (IOException e) {
      composeMissing = "docker-compose is not installed (Debian package docker-compose; .ci/run installs it), so "
          + "the Compose file was not validated: " + e.getMessage();
      System.err.println(composeMissing);
      return null;
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("docker-compose config did not finish");
    }
    return new Run(process.exitValue(), output, Files.readString(errors));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }
}
