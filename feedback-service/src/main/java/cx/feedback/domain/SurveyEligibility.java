package cx.feedback.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Says whether a customer may be surveyed now, with every reason that prevents it: a response or
 * dismissal on any merged id within the quiet period, an unresolved complaint on any merged id,
 * consent, and, when a survey is named, its window, channels and an answer already given.
 * Read-only; reads the customers' reference lists by key, never a scan.
 */
public final class SurveyEligibility {

  /** The most blocking complaints named in an answer. */
  public static final int MAX_LISTED_COMPLAINTS = 10;

  /** Why a customer may not be surveyed now, in the contract's order. */
  public enum Reason {
    QUIET_PERIOD, OPEN_COMPLAINT, NO_CONSENT, CONSENT_SERVICE_UNAVAILABLE, SURVEY_NOT_ACTIVE, CHANNEL_NOT_OFFERED,
    ALREADY_RESPONDED
  }

  /**
   * The answer.
   *
   * @param lastSurveyTime null if the customer never responded or dismissed a survey
   * @param quietPeriodEnd set only when the quiet period is a reason
   * @param openComplaints complaint names, set only when an open complaint is a reason
   */
  public record Decision(Set<Reason> reasons, Duration quietPeriod, Instant lastSurveyTime, Instant quietPeriodEnd,
      List<String> openComplaints, Instant checkTime) {

    public Decision {
      reasons = reasons.isEmpty() ? EnumSet.noneOf(Reason.class) : EnumSet.copyOf(reasons);
      openComplaints = List.copyOf(openComplaints);
    }

    public boolean eligible() {
      return reasons.isEmpty();
    }
  }

  private final SurveyCatalogue surveys;
  private final ResponseStore responses;
  private final ComplaintStore complaints;
  private final CustomerRecordIndex index;
  private final ProfileDirectory profiles;
  private final Duration defaultQuietPeriod;
  private final Clock clock;

  public SurveyEligibility(SurveyCatalogue surveys, ResponseStore responses, ComplaintStore complaints,
      CustomerRecordIndex index, ProfileDirectory profiles, Duration defaultQuietPeriod, Clock clock) {
    this.surveys = surveys;
    this.responses = responses;
    this.complaints = complaints;
    this.index = index;
    this.profiles = profiles;
    this.defaultQuietPeriod = defaultQuietPeriod;
    this.clock = clock;
  }

  /**
   * Whether the customer may be surveyed now on the channel.
   *
   * @param surveyId the survey that would be sent, or null
   * @param touchpointReference what it would be about, or null; only with a survey
   * @throws cx.runtime.failure.NotFoundException for an unknown survey
   */
  public Decision check(String customerId, Channel channel, String surveyId, LinkedRecord touchpointReference) {
    if (surveyId == null && touchpointReference != null) {
      new Violations().add("touchpoint_reference", "is only allowed together with survey").throwIfAny();
    }
    Instant now = clock.instant();
    Survey survey = surveyId == null ? null : surveys.get(surveyId);
    Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    Duration quiet = survey != null && survey.quietPeriod() != null ? survey.quietPeriod() : defaultQuietPeriod;

    ProfileDirectory.SurveyConsent consent = profiles.surveyConsent(customerId, channel);
    if (consent.consent() == ProfileDirectory.Consent.REFUSED) {
      reasons.add(Reason.NO_CONSENT);
    } else if (consent.consent() == ProfileDirectory.Consent.UNKNOWN) {
      reasons.add(Reason.CONSENT_SERVICE_UNAVAILABLE);
    }
    Set<String> ids = new LinkedHashSet<>();
    ids.add(customerId);
    ids.addAll(consent.customerIds());

    Instant lastSurvey = null;
    Set<String> complaintIds = new LinkedHashSet<>();
    for (CustomerRecordIndex.CustomerRecords records : index.find(ids)) {
      for (CustomerRecordIndex.ResponseEntry entry : records.responses()) {
        if (lastSurvey == null || entry.respondTime().isAfter(lastSurvey)) {
          lastSurvey = entry.respondTime();
        }
      }
      complaintIds.addAll(records.complaintIds());
    }
    Instant quietEnd = null;
    if (lastSurvey != null && now.isBefore(lastSurvey.plus(quiet))) {
      reasons.add(Reason.QUIET_PERIOD);
      quietEnd = lastSurvey.plus(quiet);
    }
    List<String> open = new ArrayList<>();
    if (!complaintIds.isEmpty()) {
      complaints.findAll(complaintIds).stream().filter(c -> ComplaintFacts.of(c).isUnresolved())
          .sorted(Comparator.comparing(Complaint::createTime)).limit(MAX_LISTED_COMPLAINTS)
          .forEach(c -> open.add(c.name()));
    }
    if (!open.isEmpty()) {
      reasons.add(Reason.OPEN_COMPLAINT);
    }
    if (survey != null) {
      if (!survey.isActiveAt(now)) {
        reasons.add(Reason.SURVEY_NOT_ACTIVE);
      }
      if (!survey.offers(channel)) {
        reasons.add(Reason.CHANNEL_NOT_OFFERED);
      }
      if (touchpointReference != null && ids.stream().anyMatch(id -> responses.findResponse(
          SurveyResponse.idFor(id, survey.id(), touchpointReference)).isPresent())) {
        reasons.add(Reason.ALREADY_RESPONDED);
      }
    }
    return new Decision(reasons, quiet, lastSurvey, quietEnd, open, now);
  }
}
