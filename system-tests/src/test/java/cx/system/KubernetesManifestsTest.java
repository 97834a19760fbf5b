package cx.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests in {@code deploy/k8s}, checked offline: every object against the
 * Kubernetes API schema (the API's model classes, generated from its OpenAPI document, reject
 * unknown and missing fields and wrong shapes), then what the platform needs of them — probes on
 * the real health endpoints, resources, an autoscaler and a disruption budget per Deployment,
 * credentials from Secrets only.
 */
class KubernetesManifestsTest {

  private static final Path K8S = LocalPlatform.projectRoot().resolve("deploy/k8s");
  private static final Set<String> DEPLOYMENTS = Set.of("profile-service", "feedback-service", "returns-service",
      "gateway");

  @Test
  void everyObjectMatchesTheKubernetesApiSchema() throws IOException {
    List<Map<String, Object>> objects = allObjects();

    assertThat(objects).hasSizeGreaterThanOrEqualTo(DEPLOYMENTS.size() * 4);
    for (Map<String, Object> object : objects) {
      validate(object);
    }
  }

  @Test
  void theSchemaCheckRejectsAMisspelledOrMissingField() throws IOException {
    Map<String, Object> deployment = deployment("gateway");
    Map<String, Object> misspelled = copy(deployment);
    container(misspelled).put("readinessProbes", container(misspelled).remove("readinessProbe"));
    Map<String, Object> nameless = copy(deployment);
    container(nameless).remove("name");

    assertThatThrownBy(() -> validate(misspelled)).hasMessageContaining("readinessProbes");
    assertThatThrownBy(() -> validate(nameless)).hasMessageContaining("name");
  }

  @Test
  void theKustomizationListsEveryManifestButTheSecretsTemplate() throws IOException {
    Map<String, Object> kustomization = new Yaml().load(Files.readString(K8S.resolve("kustomization.yaml")));
    Set<String> manifests = new TreeSet<>();
    try (Stream<Path> files = Files.list(K8S)) {
      files.map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml") && !f.equals("secrets.example.yaml"))
          .forEach(manifests::add);
    }

    assertThat(new TreeSet<>(strings(kustomization.get("resources")))).isEqualTo(manifests);
  }

  @Test
  void everyDeploymentProbesItsHealthEndpointsAndHasResourceRequestsAndLimits() throws IOException {
    for (String name : DEPLOYMENTS) {
      Map<String, Object> container = container(deployment(name));
      Set<String> ports = new TreeSet<>();
      for (Map<String, Object> port : maps(container.get("ports"))) {
        ports.add((String) port.get("name"));
      }

      assertThat(probePath(container, "readinessProbe")).as(name).isEqualTo("/actuator/health/readiness");
      assertThat(probePath(container, "livenessProbe")).as(name).isEqualTo("/actuator/health/liveness");
      for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
        assertThat(ports).as(name + " " + probe).contains((String) httpGet(container, probe).get("port"));
      }
      Map<String, Object> resources = map(container.get("resources"));
      assertThat(map(resources.get("requests"))).as(name).containsKeys("cpu", "memory");
      assertThat(map(resources.get("limits"))).as(name).containsKeys("cpu", "memory");
      Map<String, Object> security = map(container.get("securityContext"));
      assertThat(security).as(name).containsEntry("allowPrivilegeEscalation", false)
          .containsEntry("readOnlyRootFilesystem", true);
    }
  }

  @Test
  void everyDeploymentHasAnAutoscalerADisruptionBudgetAndAServiceThatSelectIt() throws IOException {
    for (String name : DEPLOYMENTS) {
      Map<String, Object> labels = map(map(map(map(deployment(name).get("spec")).get("template")).get("metadata"))
          .get("labels"));

      Map<String, Object> hpa = object("HorizontalPodAutoscaler", name);
      Map<String, Object> target = map(map(hpa.get("spec")).get("scaleTargetRef"));
      assertThat(target).as(name).containsEntry("kind", "Deployment").containsEntry("name", name);
      assertThat((Integer) map(hpa.get("spec")).get("minReplicas")).as(name).isGreaterThanOrEqualTo(2);
      Map<String, Object> pdbSelector = map(map(map(object("PodDisruptionBudget", name).get("spec")).get("selector"))
          .get("matchLabels"));
      assertThat(labels).as(name).containsAllEntriesOf(pdbSelector);
      Map<String, Object> serviceSelector = map(map(object("Service", name).get("spec")).get("selector"));
      assertThat(labels).as(name).containsAllEntriesOf(serviceSelector);
    }
  }

  @Test
  void credentialsComeFromSecretsTheTemplateDefinesAndServicesUseTheirOwnDatabaseUri() throws IOException {
    Map<String, Set<String>> secretKeys = new HashMap<>();
    for (Map<String, Object> secret : objectsIn(K8S.resolve("secrets.example.yaml"))) {
      validate(secret);
      secretKeys.put((String) map(secret.get("metadata")).get("name"), map(secret.get("stringData")).keySet());
    }
    Set<String> databaseUris = new TreeSet<>();
    for (String name : DEPLOYMENTS) {
      for (Map<String, Object> env : maps(container(deployment(name)).get("env"))) {
        assertThat(env).as(name + " " + env.get("name")).doesNotContainKey("value");
        Map<String, Object> ref = map(map(env.get("valueFrom")).get("secretKeyRef"));
        assertThat(secretKeys.get((String) ref.get("name"))).as(name + " " + env.get("name")).contains((String) ref.get("key"));
        if (env.get("name").equals("MONGODB_URI")) {
          databaseUris.add((String) ref.get("key"));
        }
      }
    }
    assertThat(databaseUris).containsExactlyInAnyOrder("profile-uri", "feedback-uri", "returns-uri");
    Map<String, Object> config = map(object("ConfigMap", "cx-config").get("data"));
    assertThat(config.keySet()).contains("CX_PROFILE_TARGET", "CX_FEEDBACK_TARGET", "CX_RETURNS_TARGET");
    assertThat(config.keySet().stream().filter(k -> k.contains("KEY") && !k.contains("KEEPALIVE") || k.contains("PASSWORD")))
        .as("secrets in the ConfigMap").isEmpty();
  }

  /** Checks an object against the model class of its apiVersion and kind. */
  static void validate(Map<String, Object> object) {
    String apiVersion = (String) object.get("apiVersion");
    String kind = (String) object.get("kind");
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    String model = "io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0))
        + version.substring(1) + kind;
    JsonElement json = new Gson().toJsonTree(object);
    try {
      Method check = Class.forName(model).getMethod("validateJsonElement", JsonElement.class);
      check.invoke(null, json);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no schema for " + apiVersion + " " + kind, e);
    } catch (InvocationTargetException e) {
      throw new AssertionError(kind + " " + map(object.get("metadata")).get("name") + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Map<String, Object>> allObjects() throws IOException {
    List<Map<String, Object>> objects = new ArrayList<>();
    Map<String, Object> kustomization = new Yaml().load(Files.readString(K8S.resolve("kustomization.yaml")));
    for (String file : strings(kustomization.get("resources"))) {
      objects.addAll(objectsIn(K8S.resolve(file)));
    }
    return objects;
  }

  private static List<Map<String, Object>> objectsIn(Path file) throws IOException {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : new Yaml().loadAll(Files.readString(file))) {
      if (document != null) {
        objects.add(map(document));
      }
    }
    return objects;
  }

  private static Map<String, Object> object(String kind, String name) throws IOException {
    return allObjects().stream()
        .filter(o -> kind.equals(o.get("kind")) && name.equals(map(o.get("metadata")).get("name")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static Map<String, Object> deployment(String name) throws IOException {
    return object("Deployment", name);
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    return maps(map(map(map(deployment.get("spec")).get("template")).get("spec")).get("containers")).get(0);
  }

  private static Map<String, Object> httpGet(Map<String, Object> container, String probe) {
    return map(map(container.get(probe)).get("httpGet"));
  }

  private static String probePath(Map<String, Object> container, String probe) {
    return (String) httpGet(container, probe).get("path");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> object) {
    return (Map<String, Object>) new Yaml().load(new Yaml().dump(object));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<String>) value;
  }
}
