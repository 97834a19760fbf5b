package cx.feedback.api;

import static cx.runtime.testing.MapperFuzzing.mapsOrFailsAsADomainFailure;

import com.code_intelligence.jazzer.junit.FuzzTest;
import cx.feedback.v1.Complaint;
import cx.feedback.v1.GetComplaintStatsRequest;
import cx.feedback.v1.GetScoreSummaryRequest;
import cx.feedback.v1.Survey;
import cx.feedback.v1.SurveyResponse;

/**
 * Whatever message a client sends, the proto → domain mappers of feedback-service (survey
 * answers, complaints, surveys, and the score and complaint-statistics queries) either build
 * what the domain takes or fail with a domain failure, which the runtime maps to a designed
 * status; any other exception would reach the client as INTERNAL. Kept inputs (serialised
 * messages) live in {@code src/test/resources/cx/feedback/api/FeedbackMessagesFuzzTestInputs/}.
 */
class FeedbackMessagesFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void anySurveyAnswerMapsOrFailsAsADomainFailure(byte[] bytes) {
    mapsOrFailsAsADomainFailure(bytes, SurveyResponse.parser(), r -> ResponseMessages.toAnswer("k3j9x2m8", r));
  }

  @FuzzTest(maxDuration = "2m")
  void anyComplaintMapsOrFailsAsADomainFailure(byte[] bytes) {
    mapsOrFailsAsADomainFailure(bytes, Complaint.parser(), c -> ComplaintMessages.toNewComplaint("k3j9x2m8", c));
  }

  @FuzzTest(maxDuration = "2m")
  void anySurveyMapsOrFailsAsADomainFailure(byte[] bytes) {
    mapsOrFailsAsADomainFailure(bytes, Survey.parser(), SurveyMessages::toNewSurvey);
  }

  @FuzzTest(maxDuration = "2m")
  void anyScoreQueryMapsOrFailsAsADomainFailure(byte[] bytes) {
    mapsOrFailsAsADomainFailure(bytes, GetScoreSummaryRequest.parser(), ScoreMessages::toQuery);
  }

  @FuzzTest(maxDuration = "2m")
  void anyComplaintStatsQueryMapsOrFailsAsADomainFailure(byte[] bytes) {
    mapsOrFailsAsADomainFailure(bytes, GetComplaintStatsRequest.parser(), ComplaintStatsMessages::toQuery);
  }
}
