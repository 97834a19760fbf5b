package cx.feedback.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import cx.feedback.v1.Complaint;
import cx.feedback.v1.GetComplaintStatsRequest;
import cx.feedback.v1.GetScoreSummaryRequest;
import cx.feedback.v1.Survey;
import cx.feedback.v1.SurveyResponse;
import cx.runtime.failure.DomainFailure;
import java.util.function.Function;

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

  private static <R> void mapsOrFailsAsADomainFailure(byte[] bytes, Parser<R> parser, Function<R, ?> mapper) {
    R message;
    try {
      message = parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException notAMessage) {
      return;
    }
    try {
      assertThat(mapper.apply(message)).isNotNull();
    } catch (DomainFailure expected) {
      assertThat(expected.reason()).isNotBlank();
    }
  }
}
