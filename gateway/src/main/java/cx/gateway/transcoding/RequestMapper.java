package cx.gateway.transcoding;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds an RPC's request message from the parts of an HTTP request, the way
 * {@code google/api/http.proto} describes: path variables and query parameters fill the fields
 * they name (dotted paths reach into nested messages, repeated fields take repeated
 * parameters), the body fills the field the rule names, or the whole request for {@code "*"}.
 * Values are read as proto3 JSON, so enums take their names and well-known types their JSON
 * forms (timestamps as RFC 3339, field masks as comma-separated paths).
 *
 * <p>Unknown fields and values of the wrong type are the caller's mistake and become a
 * {@link BadHttpRequestException} naming the field.
 */
public final class RequestMapper {

  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final Pattern FIELD_PATH =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}(\\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,7}");

  private RequestMapper() {
  }

  /**
   * The request message for a matched binding.
   *
   * @param query the query parameters, each name with its values in order
   * @param body the raw request body, empty if none
   */
  public static DynamicMessage toRequest(ContractCatalog.Match match, Map<String, List<String>> query, byte[] body) {
    HttpBinding binding = match.binding();
    Descriptor input = binding.method().getInputType();
    JsonObject request = new JsonObject();

    if (!binding.body().isEmpty()) {
      JsonElement parsedBody = parseBody(body);
      if ("*".equals(binding.body())) {
        if (!parsedBody.isJsonObject()) {
          throw new BadHttpRequestException("body", "must be a JSON object");
        }
        request = parsedBody.getAsJsonObject();
      } else {
        FieldDescriptor field = input.findFieldByName(binding.body());
        request.add(field.getJsonName(), parsedBody);
      }
    } else if (body.length > 0) {
      throw new BadHttpRequestException("body", "this method takes no request body");
    }

    for (Map.Entry<String, String> variable : match.variables().entrySet()) {
      put(request, input, variable.getKey(), List.of(variable.getValue()), true);
    }
    if (!"*".equals(binding.body())) {
      for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
        checkParameterName(parameter.getKey());
        if (match.variables().containsKey(parameter.getKey())) {
          throw new BadHttpRequestException(parameter.getKey(), "is already given by the path");
        }
        put(request, input, parameter.getKey(), parameter.getValue(), false);
      }
    } else if (!query.isEmpty()) {
      checkParameterName(query.keySet().iterator().next());
      throw new BadHttpRequestException(query.keySet().iterator().next(),
          "this method takes its fields in the body, not as query parameters");
    }

    DynamicMessage.Builder builder = DynamicMessage.newBuilder(input);
    try {
      PARSER.merge(request.toString(), builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new BadHttpRequestException("body", describe(e));
    }
    return builder.build();
  }

  private static JsonElement parseBody(byte[] body) {
    if (body.length == 0) {
      throw new BadHttpRequestException("body", "is required for this method");
    }
    try {
      JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      if (parsed.isJsonNull()) {
        throw new BadHttpRequestException("body", "must not be null");
      }
      return parsed;
    } catch (JsonSyntaxException e) {
      throw new BadHttpRequestException("body", "is not valid JSON");
    }
  }

  /**
   * A query parameter's name is echoed in the 400 that names it, so only a name shaped like a
   * field path is; an empty, oversized or odd one is refused as the query's fault.
   */
  private static void checkParameterName(String name) {
    if (!FIELD_PATH.matcher(name).matches()) {
      throw new BadHttpRequestException("query", "has a parameter whose name is not a field of this request");
    }
  }

  /** Puts the values of a dotted field path into the JSON request, checking the path exists. */
  private static void put(JsonObject request, Descriptor input, String path, List<String> values, boolean fromPath) {
    String[] names = path.split("\\.");
    Descriptor type = input;
    JsonObject target = request;
    for (int i = 0; i < names.length; i++) {
      FieldDescriptor field = findField(type, names[i]);
      if (field == null) {
        throw new BadHttpRequestException(path, "is not a field of this request");
      }
      boolean last = i == names.length - 1;
      if (!last) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isRepeated()) {
          throw new BadHttpRequestException(path, "is not a field of this request");
        }
        JsonElement child = target.get(field.getJsonName());
        if (child == null || !child.isJsonObject()) {
          child = new JsonObject();
          target.add(field.getJsonName(), child);
        }
        target = child.getAsJsonObject();
        type = field.getMessageType();
        continue;
      }
      if (field.isRepeated()) {
        JsonArray array = new JsonArray();
        values.forEach(value -> array.add(new JsonPrimitive(value)));
        target.add(field.getJsonName(), array);
      } else {
        if (values.size() != 1) {
          throw new BadHttpRequestException(path, "takes one value");
        }
        if (fromPath && field.getJavaType() != FieldDescriptor.JavaType.STRING) {
          throw new IllegalStateException("path variable " + path + " must bind a string field");
        }
        target.add(field.getJsonName(), new JsonPrimitive(values.get(0)));
      }
    }
  }

  private static FieldDescriptor findField(Descriptor type, String name) {
    FieldDescriptor field = type.findFieldByName(name);
    if (field != null) {
      return field;
    }
    for (FieldDescriptor candidate : type.getFields()) {
      if (candidate.getJsonName().equals(name)) {
        return candidate;
      }
    }
    return null;
  }

  /** The parser's complaint, without echoing values or internals back. */
  private static String describe(Exception e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith("Cannot find field:")) {
      return "has an unknown field" + message.substring("Cannot find field:".length()).replaceAll(" in message .*", "");
    }
    if (message.startsWith("Invalid enum value") || message.contains("enum")) {
      return "has an unknown enum value";
    }
    if (message.startsWith("Not an int") || message.startsWith("Out of range") || message.startsWith("Not a")) {
      return "has a value of the wrong type or out of range";
    }
    if (message.contains("Timestamp") || message.contains("Duration") || message.contains("timestamp")) {
      return "has a malformed time or duration";
    }
    return "does not match the request's schema";
  }
}
