package cx.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The basics of {@code deploy/Dockerfile}, read as text (there is no Docker engine here to build
 * it): a multi-stage build from pinned base images, a JRE (not a JDK) at run time, an
 * unprivileged user, an exec-form entry point and a health check in every process's image, and a
 * build context that leaves out what it must not ship.
 */
class DockerfileTest {

  private static final Path ROOT = LocalPlatform.projectRoot();
  private static final List<String> PROCESSES = List.of("profile-service", "feedback-service", "returns-service",
      "gateway");

  /** One stage: its base and its instructions, continuation lines joined. */
  private record Stage(String base, List<String> instructions) {
    boolean has(String keyword) {
      return instructions.stream().anyMatch(i -> i.startsWith(keyword + " "));
    }
  }

  @Test
  void baseImagesArePinnedToExactReleasesAndTheRuntimeIsAJre() throws IOException {
    Map<String, String> arguments = new LinkedHashMap<>();
    Matcher argument = Pattern.compile("(?m)^ARG (\\w+)=(\\S+)$").matcher(dockerfile());
    while (argument.find()) {
      arguments.put(argument.group(1), argument.group(2));
    }

    assertThat(arguments).containsKeys("JDK_IMAGE", "JRE_IMAGE");
    for (String image : arguments.values()) {
      assertThat(image).as(image).matches("[\\w./-]+:\\d+(\\.\\d+)+[\\w.-]*").doesNotContain("latest");
    }
    assertThat(arguments.get("JRE_IMAGE")).contains("-jre");
    assertThat(stages().get("build").base()).isEqualTo("${JDK_IMAGE}");
    assertThat(stages().get("runtime").base()).isEqualTo("${JRE_IMAGE}");
  }

  @Test
  void theRuntimeRunsAsAnUnprivilegedUserWithAnExecFormEntryPoint() throws IOException {
    Stage runtime = stages().get("runtime");

    assertThat(runtime.instructions()).anySatisfy(i -> assertThat(i).matches("USER [1-9]\\d{3,}:[1-9]\\d{3,}"));
    assertThat(runtime.instructions()).anySatisfy(i -> assertThat(i).startsWith("ENTRYPOINT [\"java\""));
  }

  @Test
  void everyProcessHasItsOwnImageOnTheRuntimeWithAHealthCheckOnItsReadiness() throws IOException {
    Map<String, Stage> stages = stages();
    for (String process : PROCESSES) {
      Stage stage = stages.get(process);
      assertThat(stage).as(process).isNotNull();
      assertThat(stage.base()).as(process).isEqualTo("runtime");
      assertThat(stage.instructions()).as(process)
          .anySatisfy(i -> assertThat(i).startsWith("HEALTHCHECK").contains("/actuator/health/readiness"))
          .anySatisfy(i -> assertThat(i).startsWith("COPY --from=build /layers/" + process + "/application/"))
          .noneSatisfy(i -> assertThat(i).startsWith("USER"));
    }
  }

  @Test
  void nothingIsFetchedButThroughMavenAndTheBuildContextLeavesOutBuildOutputAndSecrets() throws IOException {
    for (Stage stage : stages().values()) {
      assertThat(stage.instructions()).noneSatisfy(i -> assertThat(i).startsWith("ADD"));
      assertThat(stage.instructions()).noneSatisfy(i -> assertThat(i).containsPattern("\\b(curl|wget)\\b.*http")
          .startsWith("RUN"));
    }
    List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
    assertThat(ignored).contains(".git", "**/target/", "**/node_modules/", ".cx/", "deploy/.env");
  }

  private static String dockerfile() throws IOException {
    return Files.readString(ROOT.resolve("deploy/Dockerfile"));
  }

  private static Map<String, Stage> stages() throws IOException {
    Map<String, Stage> stages = new LinkedHashMap<>();
    List<String> current = null;
    StringBuilder line = new StringBuilder();
    for (String raw : dockerfile().split("\n")) {
      String text = raw.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      line.append(text.endsWith("\\") ? text.substring(0, text.length() - 1) + " " : text);
      if (text.endsWith("\\")) {
        continue;
      }
      String instruction = line.toString().replaceAll("\\s+", " ").strip();
      line.setLength(0);
      Matcher from = Pattern.compile("FROM (\\S+) AS (\\S+)").matcher(instruction);
      if (from.matches()) {
        current = new ArrayList<>();
        stages.put(from.group(2), new Stage(from.group(1), current));
      } else if (current != null) {
        current.add(instruction);
      }
    }
    return stages;
  }
}
