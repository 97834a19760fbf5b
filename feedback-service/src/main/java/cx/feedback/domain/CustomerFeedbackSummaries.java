package cx.feedback.domain;

import cx.runtime.failure.InvalidArgumentException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the feedback part of the customer card from the customers' reference lists: one read by
 * key of the lists, then one {@code $in} read per kind of record it shows, never a scan.
 */
public final class CustomerFeedbackSummaries {

  /** The most customer ids (a profile and the ids merged into it) one summary covers. */
  public static final int MAX_CUSTOMER_IDS = 100;
  /** The most open complaints or cases listed; the counts give the full numbers. */
  public static final int MAX_LISTED = 50;
  /** The most recent scores a trend shows. */
  public static final int TREND_LENGTH = 10;
  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final CustomerRecordIndex index;
  private final ResponseStore responses;
  private final ComplaintStore complaints;
  private final FollowUpStore followUps;
  private final Clock clock;

  public CustomerFeedbackSummaries(CustomerRecordIndex index, ResponseStore responses, ComplaintStore complaints,
      FollowUpStore followUps, Clock clock) {
    this.index = index;
    this.responses = responses;
    this.complaints = complaints;
    this.followUps = followUps;
    this.clock = clock;
  }

  /**
   * Checks a list of bare customer ids: 1 to {@code max}, each 1 to 64 letters, digits, '-' or
   * '_'.
   *
   * @throws InvalidArgumentException naming the field or the offending entry
   */
  public static Set<String> checkCustomerIds(List<String> ids, int max, String field) {
    if (ids.isEmpty()) {
      throw InvalidArgumentException.of(field, "needs at least one customer id");
    }
    if (ids.size() > max) {
      throw InvalidArgumentException.of(field, "holds more than " + max + " ids");
    }
    Violations violations = new Violations();
    for (int i = 0; i < ids.size(); i++) {
      if (!CUSTOMER_ID.matcher(ids.get(i)).matches()) {
        violations.add(field + "[" + i + "]", "is not a customer id");
      }
    }
    violations.throwIfAny();
    return new LinkedHashSet<>(ids);
  }

  /** The summary over these customer ids; ids without records give an empty summary. */
  public CustomerFeedbackSummary summarize(Set<String> customerIds) {
    Instant now = clock.instant();
    List<CustomerRecordIndex.ResponseEntry> entries = new ArrayList<>();
    Set<String> complaintIds = new LinkedHashSet<>();
    Set<String> followUpIds = new LinkedHashSet<>();
    for (CustomerRecordIndex.CustomerRecords records : index.find(customerIds)) {
      entries.addAll(records.responses());
      complaintIds.addAll(records.complaintIds());
      followUpIds.addAll(records.followUpIds());
    }
    Comparator<CustomerRecordIndex.ResponseEntry> oldestFirst =
        Comparator.comparing(CustomerRecordIndex.ResponseEntry::respondTime)
            .thenComparing(CustomerRecordIndex.ResponseEntry::responseId);
    Map<SurveyType, List<CustomerRecordIndex.ResponseEntry>> answeredByType = new EnumMap<>(SurveyType.class);
    for (SurveyType type : SurveyType.values()) {
      List<CustomerRecordIndex.ResponseEntry> answered = entries.stream()
          .filter(e -> e.surveyType() == type && e.score() != null).sorted(oldestFirst).toList();
      answeredByType.put(type, answered.subList(Math.max(0, answered.size() - TREND_LENGTH), answered.size()));
    }
    List<String> latestIds = answeredByType.values().stream().filter(l -> !l.isEmpty())
        .map(l -> l.get(l.size() - 1).responseId()).toList();
    Map<String, SurveyResponse> latest = new HashMap<>();
    if (!latestIds.isEmpty()) {
      responses.findResponses(latestIds).forEach(r -> latest.put(r.id(), r));
    }
    Map<SurveyType, CustomerFeedbackSummary.ScoreTrend> trends = new EnumMap<>(SurveyType.class);
    answeredByType.forEach((type, recent) -> trends.put(type, new CustomerFeedbackSummary.ScoreTrend(type,
        recent.isEmpty() ? null : latest.get(recent.get(recent.size() - 1).responseId()), recent,
        direction(recent))));

    List<Complaint> open = complaintIds.isEmpty() ? List.of() : complaints.findAll(complaintIds).stream()
        .filter(c -> ComplaintFacts.of(c).isUnresolved())
        .sorted(Comparator.comparing(Complaint::createTime).thenComparing(Complaint::id)).toList();
    List<FollowUp> openCases = followUpIds.isEmpty() ? List.of() : followUps.findFollowUps(followUpIds).stream()
        .filter(FollowUp::isOpen)
        .sorted(Comparator.comparing(FollowUp::createTime).thenComparing(FollowUp::id)).toList();
    Instant lastSurvey = entries.stream().map(CustomerRecordIndex.ResponseEntry::respondTime)
        .filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
    return new CustomerFeedbackSummary(now, trends, lastSurvey, entries.size(),
        open.subList(0, Math.min(MAX_LISTED, open.size())), open.size(), complaintIds.size(),
        openCases.subList(0, Math.min(MAX_LISTED, openCases.size())), openCases.size());
  }

  private static CustomerFeedbackSummary.Direction direction(List<CustomerRecordIndex.ResponseEntry> recent) {
    if (recent.size() < 2) {
      return CustomerFeedbackSummary.Direction.NONE;
    }
    int compared = Integer.compare(recent.get(recent.size() - 1).score(), recent.get(recent.size() - 2).score());
    return compared > 0 ? CustomerFeedbackSummary.Direction.IMPROVING
        : compared == 0 ? CustomerFeedbackSummary.Direction.STABLE : CustomerFeedbackSummary.Direction.DECLINING;
  }
}
