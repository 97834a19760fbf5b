package cx.feedback.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a caller says about a complaint they file. The constructor checks every field and
 * reports all violations at once.
 *
 * @param channel null when not given (reported as a violation)
 * @param category null when not given (reported as a violation)
 * @param severity null when not given (reported as a violation)
 * @param followUpId the follow-up case the complaint escalates, of the same customer, or empty
 */
public record NewComplaint(String customerId, Channel channel, ComplaintCategory category,
    ComplaintSeverity severity, String description, List<LinkedRecord> relatedRecords, String followUpId) {

  public static final int MAX_DESCRIPTION_LENGTH = 10_000;
  public static final int MAX_RELATED_RECORDS = 20;

  public NewComplaint {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(followUpId, "followUpId");
    Violations violations = new Violations()
        .checkText("complaint.description", description, MAX_DESCRIPTION_LENGTH, true);
    if (channel == null) {
      violations.add("complaint.channel", "is required");
    }
    if (category == null) {
      violations.add("complaint.category", "is required");
    }
    if (severity == null) {
      violations.add("complaint.severity", "is required");
    }
    if (relatedRecords.size() > MAX_RELATED_RECORDS) {
      violations.add("complaint.related_records", "holds more than " + MAX_RELATED_RECORDS + " records");
    } else if (new HashSet<>(relatedRecords).size() != relatedRecords.size()) {
      violations.add("complaint.related_records", "must not repeat a record");
    }
    violations.throwIfAny();
    relatedRecords = List.copyOf(relatedRecords);
  }
}
