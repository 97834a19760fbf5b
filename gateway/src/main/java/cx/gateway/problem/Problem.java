package cx.gateway.problem;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 9457 problem detail: what every failed HTTP call answers with, as
 * {@code application/problem+json}. Besides the standard members it carries the machine-readable
 * {@code reason} and {@code domain} of the service's {@code ErrorInfo}, the field violations of
 * a bad request, and the request id to quote to support.
 *
 * @param status the HTTP status
 * @param title the HTTP status's short phrase
 * @param detail what went wrong, for a person; never internals
 * @param reason UPPER_SNAKE_CASE reason
 * @param domain the service that gave the reason
 * @param violations each bad field and why
 */
public record Problem(int status, String title, String detail, String reason, String domain, List<Violation> violations) {

  /** One bad field. */
  public record Violation(String field, String description) {
  }

  /** The problem as JSON, with its {@code instance} and request id. */
  public String toJson(String instance, String requestId) {
    JsonObject json = new JsonObject();
    json.addProperty("type", "urn:cx:problem:" + reason.toLowerCase(Locale.ROOT).replace('_', '-'));
    json.addProperty("title", title);
    json.addProperty("status", status);
    json.addProperty("detail", detail);
    json.addProperty("instance", instance);
    json.addProperty("reason", reason);
    json.addProperty("domain", domain);
    if (!violations.isEmpty()) {
      JsonArray array = new JsonArray();
      for (Violation violation : violations) {
        JsonObject item = new JsonObject();
        item.addProperty("field", violation.field());
        item.addProperty("description", violation.description());
        array.add(item);
      }
      json.add("violations", array);
    }
    json.addProperty("requestId", requestId);
    return json.toString();
  }
}
