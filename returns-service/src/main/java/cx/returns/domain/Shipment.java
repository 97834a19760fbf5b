package cx.returns.domain;

import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The carrier shipment that brings returned goods back.
 *
 * @param shipTime when the carrier took the parcel; null until then
 */
public record Shipment(String carrier, String trackingNumber, String labelUri, Instant shipTime) {

  public static final Shipment NONE = new Shipment("", "", "", null);

  private static final Pattern TRACKING_NUMBER = Pattern.compile("[A-Za-z0-9-]{0,64}");

  /**
   * A shipment as a caller describes it, checked field by field.
   *
   * @param field the shipment's path in the request, named in errors; empty when its fields are
   *     the request's own
   */
  public static Shipment fromCaller(String carrier, String trackingNumber, String labelUri, String field) {
    String prefix = field.isEmpty() ? "" : field + ".";
    List<FieldViolation> violations = new ArrayList<>();
    FreeText.check(prefix + "carrier", carrier, 64, false, violations);
    if (!TRACKING_NUMBER.matcher(trackingNumber).matches()) {
      violations.add(new FieldViolation(prefix + "tracking_number", "must be at most 64 letters, digits and '-'"));
    }
    if (!labelUri.isEmpty() && !HttpsUris.isValid(labelUri)) {
      violations.add(new FieldViolation(prefix + "label_uri",
          "must be an https link of at most " + HttpsUris.MAX_LENGTH + " characters"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
    return new Shipment(carrier.strip(), trackingNumber, labelUri, null);
  }

  public boolean isEmpty() {
    return carrier.isEmpty() && trackingNumber.isEmpty() && labelUri.isEmpty() && shipTime == null;
  }
}
