package cx.feedback.api;

import static cx.feedback.api.FeedbackApiTest.answer;
import static cx.feedback.api.FeedbackApiTest.assertFailure;
import static cx.feedback.api.FeedbackApiTest.newCustomer;
import static cx.feedback.api.FeedbackApiTest.survey;
import static cx.runtime.testing.GrpcCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.type.Date;
import com.mongodb.client.MongoDatabase;
import cx.common.v1.Channel;
import cx.feedback.domain.ScoreTally;
import cx.feedback.v1.CreateSurveyRequest;
import cx.feedback.v1.FeedbackServiceGrpc.FeedbackServiceBlockingStub;
import cx.feedback.v1.GetScoreSummaryRequest;
import cx.feedback.v1.GetScoreSummaryResponse;
import cx.feedback.v1.NpsScore;
import cx.feedback.v1.ScoreBlocks;
import cx.feedback.v1.SubmitResponseRequest;
import cx.feedback.v1.Survey;
import cx.feedback.v1.SurveyResponse;
import cx.feedback.v1.SurveyType;
import cx.feedback.v1.Touchpoint;
import cx.feedback.v1.TrendGranularity;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.TestCallers;
import io.grpc.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Score summaries through the generated stub: hand-computed cases, and summaries of seeded
 * random responses checked against a full recomputation from the stored responses.
 */
abstract class ScoreSummaryApiTest {

  @Autowired
  FeedbackServiceBlockingStub feedback;

  @Autowired
  CallerTokens tokens;

  @Autowired
  MongoDatabase database;

  Survey create(Survey.Builder survey) {
    return admin().createSurvey(CreateSurveyRequest.newBuilder().setSurvey(survey)
        .setRequestId(UUID.randomUUID().toString()).build()).getSurvey();
  }

  void submit(Survey survey, Integer score, Channel channel, Instant respondTime) {
    SurveyResponse.Builder answer = answer(survey, score == null ? 0 : score).setChannel(channel)
        .setRespondTime(Timestamp.newBuilder().setSeconds(respondTime.getEpochSecond())
            .setNanos(respondTime.getNano()));
    if (score == null) {
      answer.clearScore();
    }
    feedback.submitResponse(SubmitResponseRequest.newBuilder().setParent(newCustomer())
        .setSurveyResponse(answer).build());
  }

  GetScoreSummaryResponse summary(GetScoreSummaryRequest.Builder request) {
    return feedback.getScoreSummary(request.build());
  }

  static Date date(LocalDate day) {
    return ScoreMessages.date(day);
  }

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  @Test
  void aSurveyWithoutResponsesHasCountsOfZeroAndNoScores() {
    Survey survey = create(survey(SurveyType.SURVEY_TYPE_NPS));

    ScoreBlocks totals = summary(GetScoreSummaryRequest.newBuilder().addSurveys(survey.getName())
        .addSurveyTypes(SurveyType.SURVEY_TYPE_NPS)).getTotals();

    assertThat(totals.hasCsat()).isFalse();
    assertThat(totals.getNps().getResponseCount()).isZero();
    assertThat(totals.getNps().hasNps()).isFalse();
    assertThat(totals.getNps().hasPromoterPercent()).isFalse();
    assertThat(totals.getNps().getDistributionList()).hasSize(11).allMatch(c -> c.getCount() == 0);
  }

  @Test
  void handComputedNpsCsatAndCesOfOneSurveyEach() {
    Survey nps = create(survey(SurveyType.SURVEY_TYPE_NPS));
    Survey csat = create(survey(SurveyType.SURVEY_TYPE_CSAT));
    Survey ces = create(survey(SurveyType.SURVEY_TYPE_CES));
    Instant now = Instant.now();
    for (Integer score : new Integer[] {10, 10, 9, 8, 3, null}) {
      submit(nps, score, Channel.CHANNEL_EMAIL, now);
    }
    for (Integer score : new Integer[] {5, 4, 3, 2, 1, 4, null}) {
      submit(csat, score, Channel.CHANNEL_EMAIL, now);
    }
    for (Integer score : new Integer[] {7, 5, 4, 1}) {
      submit(ces, score, Channel.CHANNEL_EMAIL, now);
    }

    ScoreBlocks totals = summary(GetScoreSummaryRequest.newBuilder().addSurveys(nps.getName())
        .addSurveys(csat.getName()).addSurveys(ces.getName())).getTotals();

    NpsScore npsBlock = totals.getNps();
    assertThat(npsBlock.getResponseCount()).isEqualTo(5);
    assertThat(npsBlock.getDismissedCount()).isEqualTo(1);
    assertThat(npsBlock.getPromoterCount()).isEqualTo(3);
    assertThat(npsBlock.getPassiveCount()).isEqualTo(1);
    assertThat(npsBlock.getDetractorCount()).isEqualTo(1);
    assertThat(npsBlock.getNps()).isEqualTo(40.0);
    assertThat(npsBlock.getPromoterPercent()).isEqualTo(60.0);
    assertThat(npsBlock.getDistribution(10).getCount()).isEqualTo(2);
    assertThat(totals.getCsat().getResponseCount()).isEqualTo(6);
    assertThat(totals.getCsat().getCsatPercent()).isEqualTo(50.0);
    assertThat(totals.getCsat().getDistributionList()).hasSize(5);
    assertThat(totals.getCes().getMeanScore()).isEqualTo(4.25);
    assertThat(totals.getCes().getEasyPercent()).isEqualTo(50.0);
    assertThat(totals.getCes().getDistributionList()).hasSize(7);
  }

  @Test
  void allPassivesScoreZeroOnlyDetractorsMinusOneHundredOnlyPromotersOneHundred() {
    Survey passives = create(survey(SurveyType.SURVEY_TYPE_NPS));
    Survey detractors = create(survey(SurveyType.SURVEY_TYPE_NPS));
    Survey promoters = create(survey(SurveyType.SURVEY_TYPE_NPS));
    Instant now = Instant.now();
    List.of(7, 8, 8).forEach(s -> submit(passives, s, Channel.CHANNEL_WEB, now));
    List.of(0, 6).forEach(s -> submit(detractors, s, Channel.CHANNEL_WEB, now));
    List.of(9, 10, 10).forEach(s -> submit(promoters, s, Channel.CHANNEL_WEB, now));

    assertThat(npsOf(passives)).isEqualTo(0.0);
    assertThat(npsOf(detractors)).isEqualTo(-100.0);
    assertThat(npsOf(promoters)).isEqualTo(100.0);
  }

  double npsOf(Survey survey) {
    return summary(GetScoreSummaryRequest.newBuilder().addSurveys(survey.getName())).getTotals().getNps().getNps();
  }

  @Test
  void summariesOfRandomResponsesEqualAFullRecomputationFromTheStoredResponses() {
    Random random = new Random(20261123);
    Timestamp longAgo = Timestamp.newBuilder().setSeconds(Instant.now().minusSeconds(500L * 24 * 3600).getEpochSecond())
        .build();
    Survey nps = create(survey(SurveyType.SURVEY_TYPE_NPS).setTouchpoint(Touchpoint.TOUCHPOINT_AFTER_DELIVERY)
        .setStartTime(longAgo));
    Survey csat = create(survey(SurveyType.SURVEY_TYPE_CSAT).setTouchpoint(Touchpoint.TOUCHPOINT_AFTER_SUPPORT_CASE)
        .setStartTime(longAgo));
    Survey ces = create(survey(SurveyType.SURVEY_TYPE_CES).setTouchpoint(Touchpoint.TOUCHPOINT_AFTER_RETURN)
        .setStartTime(longAgo));
    List<Survey> surveys = List.of(nps, csat, ces);
    List<Channel> channels = List.of(Channel.CHANNEL_EMAIL, Channel.CHANNEL_WEB, Channel.CHANNEL_SMS);
    Instant now = Instant.now();
    for (int i = 0; i < 360; i++) {
      Survey survey = surveys.get(random.nextInt(surveys.size()));
      int min = survey.getMinScore();
      Integer score = random.nextInt(10) == 0 ? null : min + random.nextInt(survey.getMaxScore() - min + 1);
      // Two thirds in the last 70 days, the rest over more than a year: summaries of months and
      // weeks, read from their own rollups, meet the days around them.
      int daysBack = random.nextInt(3) == 0 ? 420 : 70;
      submit(survey, score, channels.get(random.nextInt(channels.size())),
          now.minusSeconds(random.nextLong(daysBack * 24L * 3600)));
    }

    LocalDate start = today().minusDays(75);
    List<GetScoreSummaryRequest.Builder> queries = List.of(
        GetScoreSummaryRequest.newBuilder(),
        GetScoreSummaryRequest.newBuilder().setStartDate(date(start)).setGranularity(TrendGranularity.TREND_GRANULARITY_WEEK),
        GetScoreSummaryRequest.newBuilder().setStartDate(date(start)).addChannels(Channel.CHANNEL_SMS)
            .addChannels(Channel.CHANNEL_WEB).setGranularity(TrendGranularity.TREND_GRANULARITY_MONTH),
        GetScoreSummaryRequest.newBuilder().setStartDate(date(start)).addTouchpoints(
            Touchpoint.TOUCHPOINT_AFTER_SUPPORT_CASE).addSurveyTypes(SurveyType.SURVEY_TYPE_CSAT),
        GetScoreSummaryRequest.newBuilder().setStartDate(date(today().minusDays(20))).addSurveys(nps.getName())
            .addSurveys(ces.getName()).setGranularity(TrendGranularity.TREND_GRANULARITY_DAY),
        GetScoreSummaryRequest.newBuilder().setStartDate(date(today().minusDays(364)))
            .setGranularity(TrendGranularity.TREND_GRANULARITY_MONTH),
        GetScoreSummaryRequest.newBuilder().setStartDate(date(today().minusDays(410))).addChannels(Channel.CHANNEL_EMAIL),
        GetScoreSummaryRequest.newBuilder().setStartDate(date(today().minusDays(200))).setEndDate(date(today().minusDays(9)))
            .addSurveyTypes(SurveyType.SURVEY_TYPE_NPS).setGranularity(TrendGranularity.TREND_GRANULARITY_WEEK));

    List<Document> stored = database.getCollection("responses").find().into(new ArrayList<>());
    for (GetScoreSummaryRequest.Builder query : queries) {
      GetScoreSummaryResponse summary = summary(query);
      LocalDate first = ScoreMessages.date(true, summary.getStartDate(), "start_date");
      LocalDate last = ScoreMessages.date(true, summary.getEndDate(), "end_date");
      assertThat(summary.getTotals()).as(query.toString()).isEqualTo(recompute(stored, query.build(), first, last));
      LocalDate next = first;
      for (var point : summary.getTrendList()) {
        LocalDate bucketStart = ScoreMessages.date(true, point.getStartDate(), "start_date");
        LocalDate bucketEnd = ScoreMessages.date(true, point.getEndDate(), "end_date");
        assertThat(bucketStart).isEqualTo(next);
        assertThat(point.getScores()).isEqualTo(recompute(stored, query.build(), bucketStart, bucketEnd));
        next = bucketEnd.plusDays(1);
      }
      if (query.getGranularity() != TrendGranularity.TREND_GRANULARITY_UNSPECIFIED) {
        assertThat(next).isEqualTo(last.plusDays(1));
      }
    }
  }

  /** The score blocks of a query recomputed from every stored response, by a scan. */
  static ScoreBlocks recompute(List<Document> stored, GetScoreSummaryRequest query, LocalDate first, LocalDate last) {
    List<SurveyType> types = query.getSurveyTypesList().isEmpty()
        ? List.of(SurveyType.SURVEY_TYPE_NPS, SurveyType.SURVEY_TYPE_CSAT, SurveyType.SURVEY_TYPE_CES)
        : query.getSurveyTypesList();
    Predicate<Document> covered = d -> {
      LocalDate day = d.getDate("respondTime").toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
      return !day.isBefore(first) && !day.isAfter(last)
          && types.stream().anyMatch(t -> t.name().equals("SURVEY_TYPE_" + d.getString("surveyType")))
          && (query.getSurveysList().isEmpty() || query.getSurveysList().contains("surveys/" + d.getString("surveyId")))
          && (query.getChannelsList().isEmpty()
              || query.getChannelsList().stream().anyMatch(c -> c.name().equals("CHANNEL_" + d.getString("channel"))))
          && (query.getTouchpointsList().isEmpty() || query.getTouchpointsList().stream()
              .anyMatch(t -> t.name().equals("TOUCHPOINT_" + d.getString("touchpoint"))));
    };
    Map<cx.feedback.domain.SurveyType, ScoreTally> tallies = new EnumMap<>(cx.feedback.domain.SurveyType.class);
    for (SurveyType type : types) {
      var domainType = cx.feedback.domain.SurveyType.valueOf(type.name().substring("SURVEY_TYPE_".length()));
      tallies.put(domainType, ScoreTally.empty(domainType));
    }
    for (Document d : stored) {
      if (covered.test(d)) {
        Integer score = d.getInteger("score");
        tallies.merge(cx.feedback.domain.SurveyType.valueOf(d.getString("surveyType")),
            ScoreTally.empty(cx.feedback.domain.SurveyType.valueOf(d.getString("surveyType")))
                .with(score == null ? OptionalInt.empty() : OptionalInt.of(score)), ScoreTally::plus);
      }
    }
    ScoreBlocks.Builder blocks = ScoreBlocks.newBuilder();
    tallies.forEach((type, tally) -> {
      switch (type) {
        case NPS -> blocks.setNps(ScoreMessages.nps(tally));
        case CSAT -> blocks.setCsat(ScoreMessages.csat(tally));
        case CES -> blocks.setCes(ScoreMessages.ces(tally));
      }
    });
    return blocks.build();
  }

  @Test
  void anEndBeforeTheStartATooLongTrendAndAnUnknownSurveyAreRefused() throws Exception {
    assertFailure(failure(() -> summary(GetScoreSummaryRequest.newBuilder().setStartDate(date(today()))
        .setEndDate(date(today().minusDays(1))))), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertFailure(failure(() -> summary(GetScoreSummaryRequest.newBuilder().setStartDate(date(today().minusYears(5)))
        .setGranularity(TrendGranularity.TREND_GRANULARITY_DAY))), Status.Code.INVALID_ARGUMENT, "TOO_MANY_BUCKETS");
    assertFailure(failure(() -> summary(GetScoreSummaryRequest.newBuilder().addSurveys("surveys/nothing-here"))),
        Status.Code.NOT_FOUND, "RESOURCE_NOT_FOUND");
    assertFailure(failure(() -> summary(GetScoreSummaryRequest.newBuilder().addSurveys("surveys/$ne"))),
        Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    assertFailure(failure(() -> summary(GetScoreSummaryRequest.newBuilder()
        .setStartDate(Date.newBuilder().setYear(2026).setMonth(2).setDay(30)))),
        Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
  }

  /** The stub calling as an admin, who alone manages surveys. */
  private FeedbackServiceBlockingStub admin() {
    return TestCallers.admin(feedback, tokens);
  }
}
