package cx.feedback.api;

import com.mongodb.client.MongoDatabase;
import cx.feedback.domain.ComplaintDesk;
import cx.feedback.domain.ComplaintSeverity;
import cx.feedback.domain.ComplaintStatistics;
import cx.feedback.domain.ComplaintStatsStore;
import cx.feedback.domain.ComplaintStore;
import cx.feedback.domain.CustomerFeedbackSummaries;
import cx.feedback.domain.CustomerRecordIndex;
import cx.feedback.domain.FeedbackTimeline;
import cx.feedback.domain.FollowUpDesk;
import cx.feedback.domain.FollowUpStore;
import cx.feedback.domain.PrivacyDesk;
import cx.feedback.domain.ProfileDirectory;
import cx.feedback.domain.ReadModels;
import cx.feedback.domain.RecordLists;
import cx.feedback.domain.ResolutionTargets;
import cx.feedback.domain.ResponseRecorder;
import cx.feedback.domain.ResponseStore;
import cx.feedback.domain.ScoreAnalytics;
import cx.feedback.domain.ScoreRollupStore;
import cx.feedback.domain.SurveyAdministration;
import cx.feedback.domain.SurveyCatalogue;
import cx.feedback.domain.SurveyEligibility;
import cx.feedback.domain.SurveyStore;
import cx.feedback.store.MongoComplaintStatsStore;
import cx.feedback.store.MongoComplaintStore;
import cx.feedback.store.MongoCustomerRecordIndex;
import cx.feedback.store.MongoFollowUpStore;
import cx.feedback.store.MongoPrivacyReceipts;
import cx.feedback.store.MongoResponseStore;
import cx.feedback.store.MongoScoreRollupStore;
import cx.feedback.store.MongoSurveyStore;
import cx.profile.v1.ProfileServiceGrpc;
import cx.runtime.auth.ServiceCredentials;
import cx.runtime.observability.BusinessEventCounter;
import cx.runtime.paging.PageTokens;
import cx.runtime.store.MongoCustomerEventLog;
import cx.runtime.timeline.CustomerEventLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/** Connects the domain's use cases to the MongoDB stores and the configuration. */
@Configuration(proxyBeanMethods = false)
class FeedbackWiring {

  @Bean
  SurveyStore surveyStore(MongoDatabase database) {
    return new MongoSurveyStore(database);
  }

  @Bean
  ResponseStore responseStore(MongoDatabase database) {
    return new MongoResponseStore(database);
  }

  @Bean
  FollowUpStore followUpStore(MongoDatabase database) {
    return new MongoFollowUpStore(database);
  }

  @Bean
  ComplaintStore complaintStore(MongoDatabase database) {
    return new MongoComplaintStore(database);
  }

  @Bean
  ScoreRollupStore scoreRollupStore(MongoDatabase database, Clock clock) {
    return new MongoScoreRollupStore(database, clock);
  }

  @Bean
  ComplaintStatsStore complaintStatsStore(MongoDatabase database) {
    return new MongoComplaintStatsStore(database);
  }

  @Bean
  ComplaintStatistics complaintStatistics(ComplaintStatsStore stats, ResolutionTargets targets, Clock clock) {
    return new ComplaintStatistics(stats, targets, clock);
  }

  @Bean
  ProfileDirectory profileDirectory(GrpcChannelFactory channels, ServiceCredentials credentials,
      @Value("${cx.feedback.profile-deadline}") Duration deadline) {
    return new GrpcProfileDirectory(ProfileServiceGrpc.newBlockingStub(channels.createChannel("profile"))
        .withInterceptors(credentials), deadline);
  }

  @Bean
  SurveyEligibility surveyEligibility(SurveyCatalogue surveys, ResponseStore responses, ComplaintStore complaints,
      CustomerRecordIndex index, ProfileDirectory profiles,
      @Value("${cx.feedback.default-quiet-period}") Duration defaultQuietPeriod, Clock clock) {
    return new SurveyEligibility(surveys, responses, complaints, index, profiles, defaultQuietPeriod, clock);
  }

  @Bean
  PrivacyRpcs privacyRpcs(CustomerRecordIndex index, ResponseStore responses, ComplaintStore complaints,
      FollowUpStore followUps, SurveyStore surveys, CustomerEventLog feedbackEventLog, MongoDatabase database,
      PageTokens tokens, Clock clock) {
    return new PrivacyRpcs(new PrivacyDesk(index, responses, complaints, followUps, surveys, feedbackEventLog,
        new MongoPrivacyReceipts(database), clock), tokens);
  }

  @Bean
  SurveyAdministration surveyAdministration(SurveyCatalogue catalogue, SurveyStore store, ResponseStore responses,
      Clock clock) {
    return new SurveyAdministration(catalogue, store, responses, clock);
  }

  @Bean
  ListingRpcs listingRpcs(SurveyStore surveys, ResponseStore responses, ComplaintStore complaints,
      FollowUpStore followUps, PageTokens tokens, Clock clock) {
    return new ListingRpcs(new RecordLists(surveys, responses, complaints, followUps), tokens, clock);
  }

  @Bean
  CustomerEventLog feedbackEventLog(MongoDatabase database, BusinessEventCounter businessEvents) {
    return new MongoCustomerEventLog(database, "timeline", businessEvents);
  }

  @Bean
  CustomerRecordIndex customerRecordIndex(MongoDatabase database) {
    return new MongoCustomerRecordIndex(database);
  }

  @Bean
  ReadModels readModels(ComplaintStatsStore stats, CustomerEventLog feedbackEventLog, CustomerRecordIndex index) {
    return new ReadModels(stats, new FeedbackTimeline(feedbackEventLog), index);
  }

  @Bean
  CustomerFeedbackSummaries customerFeedbackSummaries(CustomerRecordIndex index, ResponseStore responses,
      ComplaintStore complaints, FollowUpStore followUps, Clock clock) {
    return new CustomerFeedbackSummaries(index, responses, complaints, followUps, clock);
  }

  @Bean
  FollowUpDesk followUpDesk(FollowUpStore followUps, ReadModels views, Clock clock) {
    return new FollowUpDesk(followUps, views, clock);
  }

  @Bean
  ScoreAnalytics scoreAnalytics(SurveyCatalogue surveys, ScoreRollupStore rollups, Clock clock) {
    return new ScoreAnalytics(surveys, rollups, clock);
  }

  @Bean
  SurveyCatalogue surveyCatalogue(SurveyStore store, Clock clock) {
    return new SurveyCatalogue(store, clock);
  }

  @Bean
  ResponseRecorder responseRecorder(SurveyCatalogue surveys, ResponseStore responses, FollowUpStore followUps,
      ScoreRollupStore rollups, ReadModels views, Clock clock) {
    return new ResponseRecorder(surveys, responses, followUps, rollups, views, clock);
  }

  @Bean
  ResolutionTargets resolutionTargets(
      @Value("${cx.feedback.resolution-targets.low}") Duration low,
      @Value("${cx.feedback.resolution-targets.medium}") Duration medium,
      @Value("${cx.feedback.resolution-targets.high}") Duration high,
      @Value("${cx.feedback.resolution-targets.critical}") Duration critical) {
    return new ResolutionTargets(Map.of(ComplaintSeverity.LOW, low, ComplaintSeverity.MEDIUM, medium,
        ComplaintSeverity.HIGH, high, ComplaintSeverity.CRITICAL, critical));
  }

  @Bean
  ComplaintDesk complaintDesk(ComplaintStore complaints, FollowUpStore followUps, ReadModels views,
      ResolutionTargets targets, Clock clock) {
    return new ComplaintDesk(complaints, followUps, views, targets, clock);
  }
}
