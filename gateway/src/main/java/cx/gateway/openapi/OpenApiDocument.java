package cx.gateway.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import cx.gateway.transcoding.ContractCatalog;
import cx.gateway.transcoding.HttpBinding;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 description of the REST API, generated from the same descriptors and
 * {@code google.api.http} rules the gateway serves, so it can never drift from the API.
 *
 * <p>A path variable over a resource pattern ({@code {name=customers/*}}) becomes one path
 * parameter per resource id ({@code /v1/customers/{customer}}); schemas follow the proto3 JSON
 * mapping (64-bit integers and well-known types as strings, enums by name).
 */
public final class OpenApiDocument {

  private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_.]+)(?:=([^}]*))?}");

  private OpenApiDocument() {
  }

  /** The document as JSON. */
  public static String generate(ContractCatalog catalog, String version) {
    JsonObject root = new JsonObject();
    root.addProperty("openapi", "3.0.3");
    JsonObject info = new JsonObject();
    info.addProperty("title", "CX platform API");
    info.addProperty("version", version);
    info.addProperty("description", "Customer profiles, feedback and returns. Generated from the gRPC contracts; "
        + "errors are application/problem+json (RFC 9457).");
    root.add("info", info);

    Map<String, JsonObject> paths = new TreeMap<>();
    Set<Descriptor> messages = new LinkedHashSet<>();
    for (HttpBinding binding : catalog.bindings()) {
      Route route = route(binding.path().toString());
      JsonObject item = paths.computeIfAbsent(route.openApiPath(), p -> new JsonObject());
      item.add(binding.httpMethod().toLowerCase(), operation(binding, route, messages));
    }
    JsonObject pathsJson = new JsonObject();
    paths.forEach(pathsJson::add);
    root.add("paths", pathsJson);

    JsonObject schemas = new JsonObject();
    schemas.add("Problem", problemSchema());
    Deque<Descriptor> pending = new ArrayDeque<>(messages);
    Set<String> done = new HashSet<>();
    while (!pending.isEmpty()) {
      Descriptor message = pending.pop();
      if (!done.add(message.getFullName()) || wellKnown(message) != null) {
        continue;
      }
      schemas.add(message.getFullName(), messageSchema(message, pending));
    }
    JsonObject components = new JsonObject();
    components.add("schemas", schemas);
    JsonObject bearer = new JsonObject();
    bearer.addProperty("type", "http");
    bearer.addProperty("scheme", "bearer");
    bearer.addProperty("bearerFormat", "JWT");
    JsonObject securitySchemes = new JsonObject();
    securitySchemes.add("bearer", bearer);
    components.add("securitySchemes", securitySchemes);
    root.add("components", components);
    return root.toString();
  }

  /** An OpenAPI path and, per path parameter, the request field it fills and its prefix. */
  record Route(String openApiPath, Map<String, String> parameterFields) {
  }

  static Route route(String template) {
    Map<String, String> parameters = new LinkedHashMap<>();
    Matcher matcher = VARIABLE.matcher(template);
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String field = matcher.group(1);
      String pattern = matcher.group(2) == null ? "*" : matcher.group(2);
      StringBuilder expanded = new StringBuilder();
      String previous = "";
      for (String segment : pattern.split("/")) {
        if (!expanded.isEmpty()) {
          expanded.append('/');
        }
        if (segment.equals("*") || segment.equals("**")) {
          String name = previous.isEmpty() ? field.replace('.', '_') : singular(previous);
          while (parameters.containsKey(name)) {
            name = name + "_id";
          }
          parameters.put(name, field);
          expanded.append('{').append(name).append('}');
        } else {
          expanded.append(segment);
        }
        previous = segment;
      }
      matcher.appendReplacement(path, Matcher.quoteReplacement(expanded.toString()));
    }
    matcher.appendTail(path);
    return new Route(path.toString(), parameters);
  }

  private static String singular(String plural) {
    String camel = plural.endsWith("ies") ? plural.substring(0, plural.length() - 3) + "y"
        : plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
  }

  private static JsonObject operation(HttpBinding binding, Route route, Set<Descriptor> messages) {
    JsonObject operation = new JsonObject();
    operation.addProperty("operationId", binding.method().getName());
    JsonArray tags = new JsonArray();
    tags.add(binding.method().getService().getName());
    operation.add("tags", tags);
    operation.addProperty("summary", binding.method().getService().getName() + "." + binding.method().getName());
    JsonArray parameters = new JsonArray();
    Set<String> boundTopLevel = new HashSet<>();
    for (Map.Entry<String, String> parameter : route.parameterFields().entrySet()) {
      JsonObject p = new JsonObject();
      p.addProperty("name", parameter.getKey());
      p.addProperty("in", "path");
      p.addProperty("required", true);
      p.add("schema", type("string"));
      parameters.add(p);
      boundTopLevel.add(parameter.getValue().split("\\.")[0]);
    }
    Descriptor input = binding.method().getInputType();
    if (!"*".equals(binding.body())) {
      for (FieldDescriptor field : input.getFields()) {
        if (boundTopLevel.contains(field.getName()) || field.getName().equals(binding.body())
            || (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && wellKnown(field.getMessageType()) == null)) {
          continue;
        }
        JsonObject p = new JsonObject();
        p.addProperty("name", field.getJsonName());
        p.addProperty("in", "query");
        p.add("schema", fieldSchema(field, new ArrayDeque<>()));
        parameters.add(p);
      }
    }
    if (!parameters.isEmpty()) {
      operation.add("parameters", parameters);
    }
    if (!binding.body().isEmpty()) {
      Descriptor bodyType = "*".equals(binding.body()) ? input : input.findFieldByName(binding.body()).getMessageType();
      messages.add(bodyType);
      JsonObject body = new JsonObject();
      body.addProperty("required", true);
      body.add("content", content("application/json", ref(bodyType)));
      operation.add("requestBody", body);
    }
    Descriptor output = binding.method().getOutputType();
    if (!binding.responseBody().isEmpty()) {
      // The answer is one field of the response, e.g. an export's document.
      output = output.findFieldByName(binding.responseBody()).getMessageType();
    }
    JsonObject known = wellKnown(output);
    if (known == null) {
      messages.add(output);
    }
    JsonObject responses = new JsonObject();
    JsonObject ok = new JsonObject();
    ok.addProperty("description", "The " + output.getName());
    ok.add("content", content("application/json", known != null ? known : ref(output)));
    responses.add("200", ok);
    JsonObject problem = new JsonObject();
    problem.addProperty("description", "A problem: bad input (400), not found (404), conflict (409), "
        + "rate limited (429), a service unavailable (503) or too slow (504)");
    JsonObject problemRef = new JsonObject();
    problemRef.addProperty("$ref", "#/components/schemas/Problem");
    problem.add("content", content("application/problem+json", problemRef));
    responses.add("default", problem);
    operation.add("responses", responses);
    JsonArray security = new JsonArray();
    JsonObject bearer = new JsonObject();
    bearer.add("bearer", new JsonArray());
    security.add(bearer);
    operation.add("security", security);
    return operation;
  }

  private static JsonObject messageSchema(Descriptor message, Deque<Descriptor> pending) {
    JsonObject schema = type("object");
    JsonObject properties = new JsonObject();
    for (FieldDescriptor field : message.getFields()) {
      properties.add(field.getJsonName(), fieldSchema(field, pending));
    }
    schema.add("properties", properties);
    schema.addProperty("additionalProperties", false);
    return schema;
  }

  private static JsonObject fieldSchema(FieldDescriptor field, Deque<Descriptor> pending) {
    if (field.isMapField()) {
      JsonObject map = type("object");
      map.add("additionalProperties", fieldSchema(field.getMessageType().findFieldByName("value"), pending));
      return map;
    }
    JsonObject single = singleSchema(field, pending);
    if (field.isRepeated()) {
      JsonObject array = type("array");
      array.add("items", single);
      return array;
    }
    return single;
  }

  private static JsonObject singleSchema(FieldDescriptor field, Deque<Descriptor> pending) {
    return switch (field.getJavaType()) {
      case INT -> format("integer", "int32");
      case LONG -> format("string", "int64");
      case FLOAT -> format("number", "float");
      case DOUBLE -> format("number", "double");
      case BOOLEAN -> type("boolean");
      case STRING -> type("string");
      case BYTE_STRING -> format("string", "byte");
      case ENUM -> {
        JsonObject e = type("string");
        JsonArray values = new JsonArray();
        for (EnumValueDescriptor value : field.getEnumType().getValues()) {
          values.add(value.getName());
        }
        e.add("enum", values);
        yield e;
      }
      case MESSAGE -> {
        JsonObject known = wellKnown(field.getMessageType());
        if (known != null) {
          yield known;
        }
        pending.add(field.getMessageType());
        yield ref(field.getMessageType());
      }
    };
  }

  /** The proto3 JSON form of a well-known type, or null for other messages. */
  private static JsonObject wellKnown(Descriptor message) {
    return switch (message.getFullName()) {
      case "google.protobuf.Timestamp" -> format("string", "date-time");
      case "google.protobuf.Duration" -> pattern("string", "^-?[0-9]+(\\.[0-9]+)?s$");
      case "google.protobuf.FieldMask" -> type("string");
      case "google.protobuf.Struct" -> type("object");
      case "google.protobuf.Value" -> new JsonObject();
      case "google.protobuf.Int64Value", "google.protobuf.UInt64Value" -> format("string", "int64");
      case "google.protobuf.StringValue" -> type("string");
      case "google.protobuf.BoolValue" -> type("boolean");
      case "google.protobuf.Int32Value", "google.protobuf.UInt32Value" -> format("integer", "int32");
      case "google.protobuf.DoubleValue", "google.protobuf.FloatValue" -> type("number");
      case "google.protobuf.Empty" -> type("object");
      case "google.type.Date" -> type("object");
      default -> null;
    };
  }

  private static JsonObject problemSchema() {
    JsonObject schema = type("object");
    JsonObject properties = new JsonObject();
    for (String name : List.of("type", "title", "detail", "instance", "reason", "domain", "requestId")) {
      properties.add(name, type("string"));
    }
    properties.add("status", format("integer", "int32"));
    JsonObject violation = type("object");
    JsonObject violationProperties = new JsonObject();
    violationProperties.add("field", type("string"));
    violationProperties.add("description", type("string"));
    violation.add("properties", violationProperties);
    JsonObject violations = type("array");
    violations.add("items", violation);
    properties.add("violations", violations);
    schema.add("properties", properties);
    return schema;
  }

  private static JsonObject content(String mediaType, JsonObject schema) {
    JsonObject media = new JsonObject();
    media.add("schema", schema);
    JsonObject content = new JsonObject();
    content.add(mediaType, media);
    return content;
  }

  private static JsonObject ref(Descriptor message) {
    JsonObject ref = new JsonObject();
    ref.addProperty("$ref", "#/components/schemas/" + message.getFullName());
    return ref;
  }

  private static JsonObject type(String type) {
    JsonObject schema = new JsonObject();
    schema.addProperty("type", type);
    return schema;
  }

  private static JsonObject format(String type, String format) {
    JsonObject schema = type(type);
    schema.addProperty("format", format);
    return schema;
  }

  private static JsonObject pattern(String type, String pattern) {
    JsonObject schema = type(type);
    schema.addProperty("pattern", pattern);
    return schema;
  }
}
