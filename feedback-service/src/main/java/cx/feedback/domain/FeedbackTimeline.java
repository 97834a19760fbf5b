package cx.feedback.domain;

import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.CustomerEventLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes feedback-service's part of each customer's unified timeline: a survey answer, every
 * complaint update, and the opening and closing of follow-up cases.
 *
 * <p>Event ids are derived from the record and what happened to it (a response's id, a
 * complaint's id and update number, a case's id and "opened" or "closed"), so recording an event
 * again, as every retry does, keeps one copy. Attributes hold only non-personal facts; the
 * summary holds the start of the customer's text and is cleared on erasure.
 */
public final class FeedbackTimeline {

  /** How much of a comment, description or note a summary quotes. */
  static final int QUOTE_LENGTH = 80;

  private final CustomerEventLog log;

  public FeedbackTimeline(CustomerEventLog log) {
    this.log = log;
  }

  /** Records the "survey.response" event of a response, at its respond time. */
  public void responded(SurveyResponse r) {
    log.record(responseEvent(r));
  }

  /**
   * Records the events of many responses and follow-up cases, as {@link #responded} and
   * {@link #followUpChanged} would, in a few writes for all of them.
   */
  public void recordAll(List<SurveyResponse> responses, List<FollowUp> followUps) {
    List<CustomerEvent> events = new ArrayList<>();
    responses.forEach(r -> events.add(responseEvent(r)));
    followUps.forEach(f -> events.addAll(followUpEvents(f)));
    log.recordAll(events);
  }

  private static CustomerEvent responseEvent(SurveyResponse r) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("survey_type", r.surveyType().name());
    r.score().ifPresent(score -> attributes.put("score", Integer.toString(score)));
    attributes.put("band", r.band().name());
    attributes.put("touchpoint", r.touchpoint().name());
    List<String> related = new ArrayList<>();
    if (r.touchpointReference() != null) {
      related.add(resourceOf(r.touchpointReference()));
    }
    r.relatedRecords().forEach(record -> related.add(resourceOf(record)));
    if (r.hasFollowUp()) {
      related.add("customers/" + r.customerId() + "/followUps/" + r.followUpId());
    }
    String score = r.score().isPresent() ? r.surveyType() + " " + r.score().getAsInt() : r.surveyType() + " dismissed";
    return new CustomerEvent("response:" + r.id(), r.customerId(), r.respondTime(), "survey.response",
        r.channel().name(), withQuote(score, r.comment()), r.name(), related, attributes);
  }

  /** Records the event of a complaint's latest update. */
  public void complaintChanged(Complaint c) {
    ComplaintUpdate update = c.updates().get(c.updates().size() - 1);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("state", update.newState().name());
    attributes.put("severity", c.severity().name());
    attributes.put("category", c.category().name());
    List<String> related = new ArrayList<>();
    c.relatedRecords().forEach(record -> related.add(resourceOf(record)));
    if (!c.followUpId().isEmpty()) {
      related.add("customers/" + c.customerId() + "/followUps/" + c.followUpId());
    }
    String kind = "complaint." + update.kind().name().toLowerCase(Locale.ROOT);
    String text = update.kind() == ComplaintUpdateKind.FILED ? c.description() : update.note();
    String headline = "Complaint " + update.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    if (update.kind() == ComplaintUpdateKind.RATED && c.resolutionRating() != null) {
      attributes.put("score", Integer.toString(c.resolutionRating().score()));
      headline = "Complaint resolution rated " + c.resolutionRating().score();
    }
    log.record(new CustomerEvent("complaint:" + c.id() + ":" + update.updateId(), c.customerId(),
        update.createTime(), kind, c.channel().name(), withQuote(headline, text), c.name(), related, attributes));
  }

  /** Records the "followup.opened" event of a case, and "followup.closed" once it is closed. */
  public void followUpChanged(FollowUp f) {
    followUpEvents(f).forEach(log::record);
  }

  private static List<CustomerEvent> followUpEvents(FollowUp f) {
    List<CustomerEvent> events = new ArrayList<>();
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("survey_type", f.surveyType().name());
    attributes.put("score", Integer.toString(f.score()));
    List<String> related = new ArrayList<>();
    related.add("customers/" + f.customerId() + "/responses/" + f.responseId());
    events.add(new CustomerEvent("followup:" + f.id() + ":opened", f.customerId(), f.createTime(), "followup.opened",
        f.channel().name(), "Follow-up opened for " + f.surveyType() + " " + f.score(), f.name(), related,
        attributes));
    if (!f.isOpen()) {
      Map<String, String> closedAttributes = new LinkedHashMap<>(attributes);
      closedAttributes.put("outcome", f.outcome().name());
      List<String> closedRelated = new ArrayList<>(related);
      if (!f.complaintId().isEmpty()) {
        closedRelated.add("customers/" + f.customerId() + "/complaints/" + f.complaintId());
      }
      events.add(new CustomerEvent("followup:" + f.id() + ":closed", f.customerId(), f.closeTime(),
          "followup.closed", f.channel().name(), withQuote("Follow-up closed: " + f.outcome(), f.closeNote()),
          f.name(), closedRelated, closedAttributes));
    }
    return events;
  }

  /** The resource name a linked record is shown as, e.g. {@code orders/o-1}. */
  static String resourceOf(LinkedRecord record) {
    String collection = switch (record.kind()) {
      case ORDER -> "orders";
      case RETURN -> "returns";
      case SUPPORT_CASE -> "supportCases";
      case DELIVERY -> "deliveries";
      case SURVEY_RESPONSE -> "responses";
      case COMPLAINT -> "complaints";
      case INTERACTION -> "interactions";
    };
    return collection + "/" + record.id();
  }

  private static String withQuote(String headline, String text) {
    if (text == null || text.isBlank()) {
      return headline;
    }
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return headline + ": " + (oneLine.length() > QUOTE_LENGTH ? oneLine.substring(0, QUOTE_LENGTH) + "…" : oneLine);
  }
}
