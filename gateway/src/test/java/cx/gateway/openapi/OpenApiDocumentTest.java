package cx.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cx.gateway.transcoding.ContractCatalog;
import cx.gateway.transcoding.ContractCatalogFixture;
import cx.gateway.transcoding.HttpBinding;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

  private final ContractCatalog catalog = ContractCatalogFixture.contracts();
  private final JsonObject document = JsonParser.parseString(OpenApiDocument.generate(catalog, "v1")).getAsJsonObject();

  @Test
  void resourceNameVariablesBecomeOneParameterPerId() {
    assertThat(OpenApiDocument.route("/v1/{name=customers/*/returns/*}:approve").openApiPath())
        .isEqualTo("/v1/customers/{customer}/returns/{return}:approve");
    assertThat(OpenApiDocument.route("/v1/{parent=customers/*}/consentChanges").parameterFields())
        .isEqualTo(Map.of("customer", "parent"));
    assertThat(OpenApiDocument.route("/v1/{name=mergeCandidates/*}").openApiPath())
        .isEqualTo("/v1/mergeCandidates/{merge_candidate}");
  }

  @Test
  void everyRestMappingIsDescribed() {
    JsonObject paths = document.getAsJsonObject("paths");
    for (HttpBinding binding : catalog.bindings()) {
      String path = OpenApiDocument.route(binding.path().toString()).openApiPath();
      assertThat(paths.has(path)).as(path).isTrue();
      assertThat(paths.getAsJsonObject(path).has(binding.httpMethod().toLowerCase())).as(binding.httpMethod() + " " + path).isTrue();
    }
  }

  @Test
  void everySchemaReferenceResolves() {
    JsonObject schemas = document.getAsJsonObject("components").getAsJsonObject("schemas");
    assertThat(schemas.has("cx.profile.v1.Customer")).isTrue();
    assertReferencesResolve(document, schemas);
  }

  @Test
  void int64FieldsAreStringsAsProto3JsonWritesThem() {
    JsonObject customer = document.getAsJsonObject("components").getAsJsonObject("schemas")
        .getAsJsonObject("cx.profile.v1.Customer").getAsJsonObject("properties");
    assertThat(customer.getAsJsonObject("version").get("type").getAsString()).isEqualTo("string");
    assertThat(customer.getAsJsonObject("createTime").get("format").getAsString()).isEqualTo("date-time");
  }

  @Test
  void aMappingThatAnswersWithOneFieldDescribesThatField() {
    JsonObject download = document.getAsJsonObject("paths")
        .getAsJsonObject("/v1/privacyRequests/{privacy_request}:download").getAsJsonObject("get");

    JsonObject schema = download.getAsJsonObject("responses").getAsJsonObject("200").getAsJsonObject("content")
        .getAsJsonObject("application/json").getAsJsonObject("schema");

    assertThat(schema.get("type").getAsString()).isEqualTo("object");
    assertThat(schema.has("$ref")).isFalse();
  }

  private static void assertReferencesResolve(JsonElement element, JsonObject schemas) {
    if (element.isJsonObject()) {
      for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
        if (entry.getKey().equals("$ref")) {
          String name = entry.getValue().getAsString().substring("#/components/schemas/".length());
          assertThat(schemas.has(name)).as(name).isTrue();
        } else {
          assertReferencesResolve(entry.getValue(), schemas);
        }
      }
    } else if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(e -> assertReferencesResolve(e, schemas));
    }
  }
}
