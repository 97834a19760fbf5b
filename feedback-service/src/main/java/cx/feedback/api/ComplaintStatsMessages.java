package cx.feedback.api;

import static cx.feedback.api.ValueMessages.toProto;

import cx.feedback.domain.ComplaintCategory;
import cx.feedback.domain.ComplaintSeverity;
import cx.feedback.domain.ComplaintStats;
import cx.feedback.domain.ComplaintStatsQuery;
import cx.feedback.v1.ComplaintStats.Builder;
import cx.feedback.v1.FollowUpStats;
import cx.feedback.v1.GetComplaintStatsRequest;
import cx.feedback.v1.GetComplaintStatsResponse;
import cx.feedback.v1.ResolutionRatingStats;
import cx.feedback.v1.ScoreCount;
import cx.feedback.v1.SeverityStats;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/** Maps complaint statistics requests to queries and statistics back to messages. */
final class ComplaintStatsMessages {

  private ComplaintStatsMessages() {
  }

  static ComplaintStatsQuery toQuery(GetComplaintStatsRequest request) {
    Set<ComplaintCategory> categories = ValueMessages.enumSet(request.getCategoriesList(), "COMPLAINT_CATEGORY_",
        ComplaintCategory.class, "categories");
    Set<ComplaintSeverity> severities = ValueMessages.enumSet(request.getSeveritiesList(), "COMPLAINT_SEVERITY_",
        ComplaintSeverity.class, "severities");
    return new ComplaintStatsQuery(ScoreMessages.date(request.hasStartDate(), request.getStartDate(), "start_date"),
        ScoreMessages.date(request.hasEndDate(), request.getEndDate(), "end_date"),
        Set.copyOf(ValueMessages.channels(request.getChannelsList(), "channels")), categories, severities);
  }

  static GetComplaintStatsResponse toMessage(ComplaintStats stats) {
    Builder message = cx.feedback.v1.ComplaintStats.newBuilder()
        .setComplaintCount(stats.complaintCount())
        .setOpenCount(stats.openCount())
        .setResolvedCount(stats.resolvedCount())
        .setReopenedCount(stats.reopenedCount());
    ifSet(stats.meanFirstResponse(), message::setMeanFirstResponseDuration);
    ifSet(stats.meanResolution(), message::setMeanResolutionDuration);
    ifSet(stats.medianResolution(), message::setMedianResolutionDuration);
    ifSet(stats.meanFullResolution(), message::setMeanFullResolutionDuration);
    for (ComplaintStats.BySeverity s : stats.bySeverity()) {
      SeverityStats.Builder severity = SeverityStats.newBuilder()
          .setSeverity(toProto(s.severity(), "COMPLAINT_SEVERITY_", cx.feedback.v1.ComplaintSeverity.class))
          .setSlaTarget(ValueMessages.duration(s.slaTarget()))
          .setComplaintCount(s.complaintCount())
          .setOpenCount(s.openCount())
          .setSlaJudgedCount(s.slaJudgedCount())
          .setWithinSlaCount(s.withinSlaCount());
      s.withinSlaPercent().ifPresent(severity::setWithinSlaPercent);
      ifSet(s.meanResolution(), severity::setMeanResolutionDuration);
      ifSet(s.medianResolution(), severity::setMedianResolutionDuration);
      message.addBySeverity(severity);
    }
    ComplaintStats.Ratings ratings = stats.ratings();
    ResolutionRatingStats.Builder rating = ResolutionRatingStats.newBuilder()
        .setRatingCount(ratings.count())
        .setWellHandledCount(ratings.wellHandledCount());
    ratings.meanScore().ifPresent(rating::setMeanScore);
    ratings.wellHandledPercent().ifPresent(rating::setWellHandledPercent);
    long[] distribution = ratings.distribution();
    for (int score = 0; score < distribution.length; score++) {
      rating.addDistribution(ScoreCount.newBuilder().setScore(score).setCount(distribution[score]));
    }
    message.setResolutionRating(rating);
    ComplaintStats.FollowUps f = stats.followUps();
    FollowUpStats.Builder followUps = FollowUpStats.newBuilder()
        .setFollowUpCount(f.count())
        .setOpenCount(f.openCount())
        .setClosedCount(f.closedCount())
        .setEscalatedCount(f.escalatedCount());
    ifSet(f.oldestOpenAge(), followUps::setOldestOpenAge);
    ifSet(f.meanClose(), followUps::setMeanCloseDuration);
    ifSet(f.medianClose(), followUps::setMedianCloseDuration);
    message.setFollowUps(followUps);
    return GetComplaintStatsResponse.newBuilder().setComplaintStats(message)
        .setAsOfTime(ValueMessages.timestamp(stats.asOf())).build();
  }

  private static void ifSet(Duration duration, Consumer<com.google.protobuf.Duration> setter) {
    if (duration != null) {
      setter.accept(ValueMessages.duration(duration));
    }
  }
}
