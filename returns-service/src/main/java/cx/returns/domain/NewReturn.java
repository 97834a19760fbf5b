package cx.returns.domain;

import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a customer may say about a return they ask for. The constructor checks every field and
 * reports all violations at once; whether the lines fit the order is decided later, against it.
 *
 * @param preferredResolution null when the request gave none
 * @param channel the channel the return is requested through; null for the order's channel
 * @param linkedCases complaints or survey responses of the same customer, each resource once
 */
public record NewReturn(String customerId, String orderId, List<NewReturnLine> lines, Resolution preferredResolution,
    Channel channel, List<LinkedCase> linkedCases) {

  public static final int MAX_LINES = 500;
  public static final int MAX_QUANTITY = 10_000;
  public static final int MAX_COMMENT_LENGTH = 2_000;
  public static final int MAX_EVIDENCE_URIS = 10;
  public static final int MAX_LINKED_CASES = 20;

  private static final Pattern LINE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._/-]{1,64}");

  public NewReturn {
    List<FieldViolation> violations = new ArrayList<>();
    if (lines.isEmpty() || lines.size() > MAX_LINES) {
      violations.add(new FieldViolation("product_return.lines", "must hold 1 to " + MAX_LINES + " lines"));
    }
    for (int i = 0; i < lines.size(); i++) {
      checkLine(lines.get(i), "product_return.lines[" + i + "]", violations);
    }
    if (preferredResolution == null) {
      violations.add(new FieldViolation("product_return.preferred_resolution", "is required"));
    }
    if (linkedCases.size() > MAX_LINKED_CASES) {
      violations.add(new FieldViolation("product_return.linked_cases", "holds more than " + MAX_LINKED_CASES));
    }
    List<FieldViolation> otherCustomers = new ArrayList<>();
    Map<String, LinkedCase> uniqueCases = new LinkedHashMap<>();
    for (int i = 0; i < linkedCases.size(); i++) {
      LinkedCase linked = linkedCases.get(i);
      String field = "product_return.linked_cases[" + i + "]";
      FieldViolation formViolation = linked.formViolation(field);
      if (formViolation != null) {
        violations.add(formViolation);
      } else if (!linked.belongsTo(customerId)) {
        otherCustomers.add(new FieldViolation(field + ".resource", "belongs to another customer"));
      } else {
        uniqueCases.putIfAbsent(linked.resource(), linked);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
    if (!otherCustomers.isEmpty()) {
      throw new InvalidArgumentException("CASE_CUSTOMER_MISMATCH", otherCustomers);
    }
    lines = List.copyOf(lines);
    linkedCases = List.copyOf(uniqueCases.values());
  }

  private static void checkLine(NewReturnLine line, String field, List<FieldViolation> violations) {
    if (!line.orderLineId().isEmpty() && !LINE_ID.matcher(line.orderLineId()).matches()) {
      violations.add(new FieldViolation(field + ".order_line_id", "must be 1 to 64 letters, digits, '-', '_' or '.'"));
    }
    if (!SKU.matcher(line.sku()).matches()) {
      violations.add(new FieldViolation(field + ".sku", "must be 1 to 64 letters, digits, '-', '_', '.' or '/'"));
    }
    if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
      violations.add(new FieldViolation(field + ".quantity", "must be 1 to " + MAX_QUANTITY));
    }
    if (line.reason() == null) {
      violations.add(new FieldViolation(field + ".reason", "is required"));
    }
    if (line.condition() == null) {
      violations.add(new FieldViolation(field + ".condition", "is required"));
    }
    FreeText.check(field + ".comment", line.comment(), MAX_COMMENT_LENGTH, false, violations);
    if (line.evidenceUris().size() > MAX_EVIDENCE_URIS) {
      violations.add(new FieldViolation(field + ".evidence_uris", "holds more than " + MAX_EVIDENCE_URIS + " links"));
    }
    for (int j = 0; j < line.evidenceUris().size(); j++) {
      if (!HttpsUris.isValid(line.evidenceUris().get(j))) {
        violations.add(new FieldViolation(field + ".evidence_uris[" + j + "]",
            "must be an https link of at most " + HttpsUris.MAX_LENGTH + " characters"));
      }
    }
  }
}
