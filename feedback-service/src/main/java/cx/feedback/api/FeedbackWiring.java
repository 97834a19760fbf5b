package cx.feedback.api;

import com.mongodb.client.MongoDatabase;
import cx.feedback.domain.ComplaintDesk;
import cx.feedback.domain.ComplaintSeverity;
import cx.feedback.domain.ComplaintStore;
import cx.feedback.domain.FollowUpStore;
import cx.feedback.domain.ResolutionTargets;
import cx.feedback.domain.ResponseRecorder;
import cx.feedback.domain.ResponseStore;
import cx.feedback.domain.SurveyCatalogue;
import cx.feedback.domain.SurveyStore;
import cx.feedback.store.MongoComplaintStore;
import cx.feedback.store.MongoFollowUpStore;
import cx.feedback.store.MongoResponseStore;
import cx.feedback.store.MongoSurveyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
  SurveyCatalogue surveyCatalogue(SurveyStore store, Clock clock) {
    return new SurveyCatalogue(store, clock);
  }

  @Bean
  ResponseRecorder responseRecorder(SurveyCatalogue surveys, ResponseStore responses, FollowUpStore followUps,
      Clock clock) {
    return new ResponseRecorder(surveys, responses, followUps, clock);
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
  ComplaintDesk complaintDesk(ComplaintStore complaints, FollowUpStore followUps, ResolutionTargets targets,
      Clock clock) {
    return new ComplaintDesk(complaints, followUps, targets, clock);
  }
}
