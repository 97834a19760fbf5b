package cx.feedback.domain;

import cx.runtime.timeline.CustomerEventLog;
import cx.runtime.timeline.EventPage;
import cx.runtime.timeline.EventQuery;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's part of data-subject requests: the export of everything kept about them, and the
 * erasure that removes their personal text and pseudonymises their records, so that score rollups
 * and complaint statistics keep their counts but no record can be tied to the person again.
 * Records are found through the customers' reference lists, never by a scan.
 */
public final class PrivacyDesk {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final CustomerRecordIndex index;
  private final ResponseStore responses;
  private final ComplaintStore complaints;
  private final FollowUpStore followUps;
  private final SurveyStore surveys;
  private final CustomerEventLog events;
  private final PrivacyReceipts receipts;
  private final Clock clock;

  public PrivacyDesk(CustomerRecordIndex index, ResponseStore responses, ComplaintStore complaints,
      FollowUpStore followUps, SurveyStore surveys, CustomerEventLog events, PrivacyReceipts receipts, Clock clock) {
    this.index = index;
    this.responses = responses;
    this.complaints = complaints;
    this.followUps = followUps;
    this.surveys = surveys;
    this.events = events;
    this.receipts = receipts;
    this.clock = clock;
  }

  /** Everything kept about a set of customer ids, each kind oldest first. */
  public record CustomerData(List<SurveyResponse> responses, List<Complaint> complaints, List<FollowUp> followUps) {

    public CustomerData {
      responses = List.copyOf(responses);
      complaints = List.copyOf(complaints);
      followUps = List.copyOf(followUps);
    }

    /** How many records there are in all. */
    public int size() {
      return responses.size() + complaints.size() + followUps.size();
    }

    /** The records from {@code from} (inclusive) to {@code to} (exclusive) in export order. */
    public CustomerData slice(int from, int to) {
      return new CustomerData(part(responses, from, to, 0), part(complaints, from, to, responses.size()),
          part(followUps, from, to, responses.size() + complaints.size()));
    }

    private static <T> List<T> part(List<T> list, int from, int to, int offset) {
      int start = Math.min(list.size(), Math.max(0, from - offset));
      int end = Math.min(list.size(), Math.max(0, to - offset));
      return list.subList(start, end);
    }
  }

  /** The records of these customer ids in export order: responses, complaints, then cases. */
  public CustomerData dataOf(Set<String> customerIds) {
    Set<String> responseIds = new LinkedHashSet<>();
    Set<String> complaintIds = new LinkedHashSet<>();
    Set<String> followUpIds = new LinkedHashSet<>();
    for (CustomerRecordIndex.CustomerRecords records : index.find(customerIds)) {
      records.responses().forEach(r -> responseIds.add(r.responseId()));
      complaintIds.addAll(records.complaintIds());
      followUpIds.addAll(records.followUpIds());
    }
    List<SurveyResponse> foundResponses = responseIds.isEmpty() ? List.of() : responses.findResponses(responseIds)
        .stream().filter(r -> customerIds.contains(r.customerId()))
        .sorted(Comparator.comparing(SurveyResponse::respondTime).thenComparing(SurveyResponse::id)).toList();
    List<Complaint> foundComplaints = complaintIds.isEmpty() ? List.of() : complaints.findAll(complaintIds).stream()
        .filter(c -> customerIds.contains(c.customerId()))
        .sorted(Comparator.comparing(Complaint::createTime).thenComparing(Complaint::id)).toList();
    List<FollowUp> foundFollowUps = followUpIds.isEmpty() ? List.of() : followUps.findFollowUps(followUpIds).stream()
        .filter(f -> customerIds.contains(f.customerId()))
        .sorted(Comparator.comparing(FollowUp::createTime).thenComparing(FollowUp::id)).toList();
    return new CustomerData(foundResponses, foundComplaints, foundFollowUps);
  }

  /** The surveys a set of responses answered. */
  public List<Survey> surveysOf(List<SurveyResponse> answered) {
    List<Survey> found = new ArrayList<>();
    answered.stream().map(SurveyResponse::surveyId).distinct().forEach(id -> surveys.find(id).ifPresent(found::add));
    return found;
  }

  /**
   * Erases a set of customer ids for a privacy request, or returns the receipt of the request's
   * earlier erasure. A retry after a crash completes the work and reports the first counts.
   */
  public PrivacyReceipts.Receipt erase(Set<String> customerIds, String privacyRequestId) {
    Optional<PrivacyReceipts.Receipt> done = receipts.find(privacyRequestId);
    if (done.isPresent() && done.get().completeTime() != null) {
      return done.get();
    }
    CustomerData data = dataOf(customerIds);
    long events = countEvents(customerIds);
    PrivacyReceipts.Receipt receipt = receipts.startIfAbsent(new PrivacyReceipts.Receipt(privacyRequestId,
        lines(data, events), null));

    for (SurveyResponse r : data.responses()) {
      responses.pseudonymise(r.id(), pseudonym());
    }
    for (Complaint c : data.complaints()) {
      complaints.overwrite(withoutPersonalData(c, pseudonym()));
    }
    for (FollowUp f : data.followUps()) {
      followUps.pseudonymise(f.id(), pseudonym());
    }
    for (String customerId : customerIds) {
      this.events.forget(customerId);
      index.forget(customerId);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    receipts.complete(privacyRequestId, now);
    return new PrivacyReceipts.Receipt(privacyRequestId, receipt.lines(), now);
  }

  private long countEvents(Set<String> customerIds) {
    long count = 0;
    EventQuery query = new EventQuery(customerIds, Set.of(), Set.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), "", 1000);
    while (true) {
      EventPage page = events.read(query);
      count += page.events().size();
      if (!page.hasMore() || page.events().isEmpty()) {
        return count;
      }
      var last = page.events().get(page.events().size() - 1);
      query = new EventQuery(customerIds, Set.of(), Set.of(), Optional.empty(), Optional.empty(),
          Optional.of(last.occurTime()), last.eventId(), 1000);
    }
  }

  private static List<PrivacyReceipts.Line> lines(CustomerData data, long events) {
    long responseTexts = data.responses().stream()
        .filter(r -> !r.comment().isEmpty() || !r.followUpAnswer().isEmpty()).count();
    long complaintTexts = data.complaints().stream().filter(c -> !c.description().isEmpty()).count();
    long followUpTexts = data.followUps().stream().filter(f -> !f.closeNote().isEmpty()).count();
    return List.of(
        new PrivacyReceipts.Line("survey_response", PrivacyReceipts.Disposition.PSEUDONYMISED,
            data.responses().size(), "Scores kept without the customer id so that score statistics keep their counts."),
        new PrivacyReceipts.Line("survey_response_text", PrivacyReceipts.Disposition.REMOVED, responseTexts, ""),
        new PrivacyReceipts.Line("complaint", PrivacyReceipts.Disposition.PSEUDONYMISED, data.complaints().size(),
            "Handling times kept without the customer id so that complaint statistics keep their counts."),
        new PrivacyReceipts.Line("complaint_text", PrivacyReceipts.Disposition.REMOVED, complaintTexts, ""),
        new PrivacyReceipts.Line("follow_up", PrivacyReceipts.Disposition.PSEUDONYMISED, data.followUps().size(), ""),
        new PrivacyReceipts.Line("follow_up_text", PrivacyReceipts.Disposition.REMOVED, followUpTexts, ""),
        new PrivacyReceipts.Line("timeline_event", PrivacyReceipts.Disposition.REMOVED, events, ""),
        new PrivacyReceipts.Line("idempotency_record", PrivacyReceipts.Disposition.REMOVED, 0,
            "Stored first results are kept by request id and hold no personal data."));
  }

  /** A complaint without description, notes, rating comment, links, and the customer's own subject. */
  static Complaint withoutPersonalData(Complaint c, String pseudonym) {
    List<ComplaintUpdate> updates = c.updates().stream().map(u -> new ComplaintUpdate(u.updateId(), u.kind(),
        u.previousState(), u.newState(), anonymous(u.actor()), "", u.createTime())).toList();
    ResolutionRating rating = c.resolutionRating() == null ? null
        : new ResolutionRating(c.resolutionRating().score(), "", c.resolutionRating().rateTime());
    return new Complaint(c.id(), pseudonym, c.channel(), c.category(), c.severity(), "", List.of(), c.state(),
        updates, anonymous(c.filedBy()), c.resolveByTime(), c.firstResponseTime(), c.firstResolveTime(),
        c.lastResolveTime(), c.reopenCount(), c.closeTime(), rating, "", c.version() + 1, c.createTime(),
        c.updateTime());
  }

  private static Actor anonymous(Actor actor) {
    return actor != null && actor.role() == ActorRole.CUSTOMER ? new Actor(ActorRole.CUSTOMER, "") : actor;
  }

  /** A random pseudonym, recorded nowhere. */
  private static String pseudonym() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return "erased-" + HexFormat.of().formatHex(bytes);
  }
}
