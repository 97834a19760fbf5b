package cx.feedback.domain;

import java.util.List;

/**
 * Brings every view derived from a record up to date after the record was written: the
 * statistics facts, the customer's timeline and the customer's reference lists. Every view
 * ignores what it holds already, so this is called again by every retry and by every later
 * change of the record, which repairs a view a crash left behind.
 */
public final class ReadModels {

  private final ComplaintStatsStore stats;
  private final FeedbackTimeline timeline;
  private final CustomerRecordIndex index;

  public ReadModels(ComplaintStatsStore stats, FeedbackTimeline timeline, CustomerRecordIndex index) {
    this.stats = stats;
    this.timeline = timeline;
    this.index = index;
  }

  /** After a response was stored or submitted again. */
  public void responseStored(SurveyResponse response) {
    index.addResponse(entryOf(response));
    timeline.responded(response);
  }

  /**
   * After many responses and follow-up cases were stored or submitted again, as
   * {@link #responseStored} and {@link #followUpStored} would, in a few writes for all of them.
   */
  public void batchStored(List<SurveyResponse> responses, List<FollowUp> followUps) {
    index.addAll(responses.stream().map(ReadModels::entryOf).toList(),
        followUps.stream().map(f -> new CustomerRecordIndex.FollowUpEntry(f.customerId(), f.id())).toList());
    stats.recordAll(followUps.stream().map(FollowUpFacts::of).toList());
    timeline.recordAll(responses, followUps);
  }

  private static CustomerRecordIndex.ResponseEntry entryOf(SurveyResponse response) {
    return new CustomerRecordIndex.ResponseEntry(response.customerId(), response.id(), response.surveyType(),
        response.score().isPresent() ? response.score().getAsInt() : null, response.respondTime());
  }

  /** After a complaint was filed or changed, or read before a change. */
  public void complaintStored(Complaint complaint) {
    index.addComplaint(complaint.customerId(), complaint.id());
    stats.record(ComplaintFacts.of(complaint));
    timeline.complaintChanged(complaint);
  }

  /** After a follow-up case was opened or closed, or read before a change. */
  public void followUpStored(FollowUp followUp) {
    index.addFollowUp(followUp.customerId(), followUp.id());
    stats.record(FollowUpFacts.of(followUp));
    timeline.followUpChanged(followUp);
  }
}
