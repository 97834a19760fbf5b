package cx.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScoreTallyTest {

  static ScoreTally tally(SurveyType type, int... scores) {
    ScoreTally tally = ScoreTally.empty(type);
    for (int score : scores) {
      tally = tally.with(OptionalInt.of(score));
    }
    return tally;
  }

  @Test
  void noResponsesGiveNoMeasuresAtAll() {
    ScoreTally none = ScoreTally.empty(SurveyType.NPS).with(OptionalInt.empty());

    assertThat(none.responseCount()).isZero();
    assertThat(none.dismissedCount()).isEqualTo(1);
    assertThat(none.nps()).isEmpty();
    assertThat(none.percentOf(0)).isEmpty();
    assertThat(none.meanScore()).isEmpty();
  }

  @Test
  void allPassivesGiveAnNpsOfZero() {
    ScoreTally passives = tally(SurveyType.NPS, 7, 8, 8, 7);

    assertThat(passives.nps()).hasValue(0.0);
    assertThat(passives.passiveCount()).isEqualTo(4);
    assertThat(passives.percentOf(passives.passiveCount())).hasValue(100.0);
  }

  @Test
  void onlyDetractorsGiveMinusOneHundredAndOnlyPromotersOneHundred() {
    assertThat(tally(SurveyType.NPS, 0, 3, 6).nps()).hasValue(-100.0);
    assertThat(tally(SurveyType.NPS, 9, 10).nps()).hasValue(100.0);
  }

  @Test
  void npsIsPromoterShareMinusDetractorShareWithPassivesOnlyInTheTotalAndDismissalsNowhere() {
    // 3 promoters, 1 passive, 1 detractor of 5 answers: 60% - 20% = 40.
    ScoreTally tally = tally(SurveyType.NPS, 10, 10, 9, 8, 3).with(OptionalInt.empty());

    assertThat(tally.responseCount()).isEqualTo(5);
    assertThat(tally.dismissedCount()).isEqualTo(1);
    assertThat(tally.nps()).hasValue(40.0);
    assertThat(tally.percentOf(tally.promoterCount())).hasValue(60.0);
    assertThat(tally.percentOf(tally.detractorCount())).hasValue(20.0);
    assertThat(tally.count(10)).isEqualTo(2);
  }

  @Test
  void csatIsTheShareOfFoursAndFives() {
    ScoreTally tally = tally(SurveyType.CSAT, 5, 4, 3, 2, 1, 4).with(OptionalInt.empty());

    assertThat(tally.satisfiedCount()).isEqualTo(3);
    assertThat(tally.percentOf(tally.satisfiedCount())).hasValue(50.0);
  }

  @Test
  void cesReportsTheMeanAndTheShareOfEasyAnswersApart() {
    ScoreTally tally = tally(SurveyType.CES, 7, 5, 4, 1);

    assertThat(tally.meanScore()).hasValue(4.25);
    assertThat(tally.easyCount()).isEqualTo(2);
    assertThat(tally.percentOf(tally.easyCount())).hasValue(50.0);
  }

  @Test
  void theSumOfTalliesMeasuresLikeTheTallyOfAllTheirResponses() {
    ScoreTally first = tally(SurveyType.NPS, 0, 9, 10, 7);
    ScoreTally second = tally(SurveyType.NPS, 6, 6, 9).with(OptionalInt.empty());
    ScoreTally all = tally(SurveyType.NPS, 0, 9, 10, 7, 6, 6, 9).with(OptionalInt.empty());

    assertThat(first.plus(second)).isEqualTo(all);
    assertThat(first.plus(second).nps().getAsDouble()).isCloseTo((3 - 3) * 100.0 / 7, within(1e-12));
    assertThat(IntStream.rangeClosed(0, 10).mapToLong(all::count).sum()).isEqualTo(7);
  }
}
