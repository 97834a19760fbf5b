package cx.feedback.domain;

/**
 * The finest set of responses a score rollup counts apart: one survey (which fixes the survey
 * type and the touchpoint) on one channel. Every filter of a score summary is a union of cells.
 */
public record ScoreCell(SurveyType surveyType, Touchpoint touchpoint, Channel channel, String surveyId) {

  /** The cell a response is counted in. */
  public static ScoreCell of(SurveyResponse response) {
    return new ScoreCell(response.surveyType(), response.touchpoint(), response.channel(), response.surveyId());
  }
}
