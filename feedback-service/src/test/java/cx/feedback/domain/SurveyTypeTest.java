package cx.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurveyTypeTest {

  @ParameterizedTest
  @CsvSource({
      "NPS, -1, false", "NPS, 0, true", "NPS, 10, true", "NPS, 11, false",
      "CSAT, 0, false", "CSAT, 1, true", "CSAT, 5, true", "CSAT, 6, false",
      "CES, 0, false", "CES, 1, true", "CES, 7, true", "CES, 8, false"})
  void eachTypeAcceptsExactlyItsScale(SurveyType type, int score, boolean accepted) {
    assertThat(type.accepts(score)).isEqualTo(accepted);
  }

  @ParameterizedTest
  @CsvSource({
      "NPS, 0, DETRACTOR", "NPS, 6, DETRACTOR", "NPS, 7, PASSIVE", "NPS, 8, PASSIVE", "NPS, 9, PROMOTER",
      "NPS, 10, PROMOTER", "CSAT, 1, DISSATISFIED", "CSAT, 2, DISSATISFIED", "CSAT, 3, NEUTRAL",
      "CSAT, 4, SATISFIED", "CSAT, 5, SATISFIED", "CES, 1, DIFFICULT", "CES, 3, DIFFICULT", "CES, 4, MODERATE",
      "CES, 5, EASY", "CES, 7, EASY"})
  void scoresFallInTheIndustryBands(SurveyType type, int score, ScoreBand band) {
    assertThat(type.band(score)).isEqualTo(band);
  }

  @ParameterizedTest
  @CsvSource({
      "NPS, 0, NPS_DETRACTOR", "NPS, 6, NPS_DETRACTOR", "NPS, 7, ", "NPS, 10, ",
      "CSAT, 1, CSAT_DISSATISFIED", "CSAT, 2, CSAT_DISSATISFIED", "CSAT, 3, ", "CSAT, 5, ",
      "CES, 1, ", "CES, 7, "})
  void onlyDetractorsAndDissatisfiedCustomersNeedAFollowUp(SurveyType type, int score, FollowUpTrigger trigger) {
    assertThat(type.followUpTrigger(score)).isEqualTo(Optional.ofNullable(trigger));
  }
}
