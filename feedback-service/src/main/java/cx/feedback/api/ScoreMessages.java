package cx.feedback.api;

import static cx.feedback.api.ValueMessages.fromProto;

import com.google.type.Date;
import cx.feedback.domain.ScoreQuery;
import cx.feedback.domain.ScoreSummary;
import cx.feedback.domain.ScoreTally;
import cx.feedback.domain.SurveyType;
import cx.feedback.domain.Touchpoint;
import cx.feedback.domain.TrendGranularity;
import cx.feedback.v1.CesScore;
import cx.feedback.v1.CsatScore;
import cx.feedback.v1.GetScoreSummaryRequest;
import cx.feedback.v1.GetScoreSummaryResponse;
import cx.feedback.v1.NpsScore;
import cx.feedback.v1.ScoreBlocks;
import cx.feedback.v1.ScoreCount;
import cx.feedback.v1.TrendPoint;
import cx.runtime.failure.InvalidArgumentException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps score summary requests to queries and summaries back to messages. */
final class ScoreMessages {

  private ScoreMessages() {
  }

  static ScoreQuery toQuery(GetScoreSummaryRequest request) {
    Set<SurveyType> types = ValueMessages.enumSet(request.getSurveyTypesList(), "SURVEY_TYPE_", SurveyType.class,
        "survey_types");
    Set<String> surveyIds = new LinkedHashSet<>();
    for (int i = 0; i < request.getSurveysCount(); i++) {
      surveyIds.add(ResourceNames.surveyId(request.getSurveys(i), "surveys[" + i + "]"));
    }
    Set<Touchpoint> touchpoints = ValueMessages.enumSet(request.getTouchpointsList(), "TOUCHPOINT_",
        Touchpoint.class, "touchpoints");
    TrendGranularity granularity = fromProto(request.getGranularity(), "TREND_GRANULARITY_", TrendGranularity.class,
        "granularity");
    return new ScoreQuery(types, surveyIds, Set.copyOf(ValueMessages.channels(request.getChannelsList(), "channels")),
        touchpoints, date(request.hasStartDate(), request.getStartDate(), "start_date"),
        date(request.hasEndDate(), request.getEndDate(), "end_date"),
        granularity == null ? TrendGranularity.NONE : granularity);
  }

  /** The day of a google.type.Date, null when unset; a partial or impossible date is refused. */
  static LocalDate date(boolean present, Date date, String field) {
    if (!present) {
      return null;
    }
    try {
      return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
    } catch (DateTimeException e) {
      throw InvalidArgumentException.of(field, "must be a full calendar date");
    }
  }

  static Date date(LocalDate day) {
    return Date.newBuilder().setYear(day.getYear()).setMonth(day.getMonthValue()).setDay(day.getDayOfMonth()).build();
  }

  static GetScoreSummaryResponse toMessage(ScoreSummary summary) {
    List<TrendPoint> trend = new ArrayList<>();
    for (ScoreSummary.Bucket bucket : summary.trend()) {
      trend.add(TrendPoint.newBuilder().setStartDate(date(bucket.startDate())).setEndDate(date(bucket.endDate()))
          .setScores(blocks(bucket.tallies())).build());
    }
    return GetScoreSummaryResponse.newBuilder()
        .setStartDate(date(summary.startDate()))
        .setEndDate(date(summary.endDate()))
        .setTotals(blocks(summary.totals()))
        .addAllTrend(trend)
        .build();
  }

  private static ScoreBlocks blocks(Map<SurveyType, ScoreTally> tallies) {
    ScoreBlocks.Builder blocks = ScoreBlocks.newBuilder();
    if (tallies.containsKey(SurveyType.NPS)) {
      blocks.setNps(nps(tallies.get(SurveyType.NPS)));
    }
    if (tallies.containsKey(SurveyType.CSAT)) {
      blocks.setCsat(csat(tallies.get(SurveyType.CSAT)));
    }
    if (tallies.containsKey(SurveyType.CES)) {
      blocks.setCes(ces(tallies.get(SurveyType.CES)));
    }
    return blocks.build();
  }

  static NpsScore nps(ScoreTally tally) {
    NpsScore.Builder nps = NpsScore.newBuilder()
        .setResponseCount(tally.responseCount())
        .setPromoterCount(tally.promoterCount())
        .setPassiveCount(tally.passiveCount())
        .setDetractorCount(tally.detractorCount())
        .addAllDistribution(distribution(tally))
        .setDismissedCount(tally.dismissedCount());
    tally.nps().ifPresent(nps::setNps);
    tally.percentOf(tally.promoterCount()).ifPresent(nps::setPromoterPercent);
    tally.percentOf(tally.passiveCount()).ifPresent(nps::setPassivePercent);
    tally.percentOf(tally.detractorCount()).ifPresent(nps::setDetractorPercent);
    return nps.build();
  }

  static CsatScore csat(ScoreTally tally) {
    CsatScore.Builder csat = CsatScore.newBuilder()
        .setResponseCount(tally.responseCount())
        .setSatisfiedCount(tally.satisfiedCount())
        .addAllDistribution(distribution(tally))
        .setDismissedCount(tally.dismissedCount());
    tally.percentOf(tally.satisfiedCount()).ifPresent(csat::setCsatPercent);
    return csat.build();
  }

  static CesScore ces(ScoreTally tally) {
    CesScore.Builder ces = CesScore.newBuilder()
        .setResponseCount(tally.responseCount())
        .setEasyCount(tally.easyCount())
        .addAllDistribution(distribution(tally))
        .setDismissedCount(tally.dismissedCount());
    tally.meanScore().ifPresent(ces::setMeanScore);
    tally.percentOf(tally.easyCount()).ifPresent(ces::setEasyPercent);
    return ces.build();
  }

  static List<ScoreCount> distribution(ScoreTally tally) {
    List<ScoreCount> counts = new ArrayList<>();
    for (int score = tally.type().minScore(); score <= tally.type().maxScore(); score++) {
      counts.add(ScoreCount.newBuilder().setScore(score).setCount(tally.count(score)).build());
    }
    return counts;
  }
}
