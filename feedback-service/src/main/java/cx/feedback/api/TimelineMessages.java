package cx.feedback.api;

import static cx.feedback.api.ValueMessages.timestamp;

import cx.feedback.domain.CustomerFeedbackSummary;
import cx.feedback.domain.CustomerRecordIndex;
import cx.feedback.domain.SurveyType;
import cx.feedback.v1.CustomerScorePoint;
import cx.feedback.v1.CustomerScoreTrend;
import cx.feedback.v1.OpenComplaint;
import cx.feedback.v1.OpenFollowUp;
import cx.feedback.v1.TrendDirection;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** Maps the customer card to messages, and timeline channel filters from them. */
final class TimelineMessages {

  /** The most channels or kinds one timeline filter may name. */
  static final int MAX_FILTER_VALUES = 50;

  private TimelineMessages() {
  }

  static Set<String> channels(cx.common.v1.TimelineFilter filter) {
    if (filter.getChannelsCount() > MAX_FILTER_VALUES) {
      throw InvalidArgumentException.of("filter.channels", "holds more than " + MAX_FILTER_VALUES + " channels");
    }
    Set<String> channels = new TreeSet<>();
    for (var channel : ValueMessages.channels(filter.getChannelsList(), "filter.channels")) {
      channels.add(channel.name());
    }
    return channels;
  }

  static cx.feedback.v1.CustomerFeedbackSummary toMessage(CustomerFeedbackSummary summary) {
    var message = cx.feedback.v1.CustomerFeedbackSummary.newBuilder()
        .setAsOfTime(timestamp(summary.asOf()))
        .setNps(trend(summary.trends().get(SurveyType.NPS)))
        .setCsat(trend(summary.trends().get(SurveyType.CSAT)))
        .setCes(trend(summary.trends().get(SurveyType.CES)))
        .setResponseCount(summary.responseCount())
        .setOpenComplaintCount(summary.openComplaintCount())
        .setComplaintCount(summary.complaintCount())
        .setOpenFollowUpCount(summary.openFollowUpCount());
    if (summary.lastSurveyTime() != null) {
      message.setLastSurveyTime(timestamp(summary.lastSurveyTime()));
    }
    for (var complaint : summary.openComplaints()) {
      message.addOpenComplaints(OpenComplaint.newBuilder()
          .setComplaint(ComplaintMessages.toMessage(complaint))
          .setAge(ValueMessages.duration(Duration.between(complaint.createTime(), summary.asOf())))
          .setOverdue(summary.asOf().isAfter(complaint.resolveByTime())));
    }
    for (var followUp : summary.openFollowUps()) {
      message.addOpenFollowUps(OpenFollowUp.newBuilder()
          .setFollowUp(ResponseMessages.toMessage(followUp))
          .setAge(ValueMessages.duration(Duration.between(followUp.createTime(), summary.asOf()))));
    }
    return message.build();
  }

  private static CustomerScoreTrend trend(CustomerFeedbackSummary.ScoreTrend trend) {
    var message = CustomerScoreTrend.newBuilder()
        .setSurveyType(ValueMessages.toProto(trend.surveyType(), "SURVEY_TYPE_", cx.feedback.v1.SurveyType.class))
        .setDirection(switch (trend.direction()) {
          case NONE -> TrendDirection.TREND_DIRECTION_UNSPECIFIED;
          case IMPROVING -> TrendDirection.TREND_DIRECTION_IMPROVING;
          case STABLE -> TrendDirection.TREND_DIRECTION_STABLE;
          case DECLINING -> TrendDirection.TREND_DIRECTION_DECLINING;
        });
    if (trend.latest() != null) {
      message.setLatestResponse(ResponseMessages.toMessage(trend.latest()));
    }
    for (CustomerRecordIndex.ResponseEntry entry : trend.recent()) {
      message.addRecentScores(CustomerScorePoint.newBuilder()
          .setResponse(entry.responseName())
          .setScore(entry.score())
          .setRespondTime(timestamp(entry.respondTime())));
    }
    return message.build();
  }
}
