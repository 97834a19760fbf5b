package cx.feedback.domain;

/** The band a score falls in under its survey type's industry definition. */
public enum ScoreBand {
  /** No band: the response was dismissed or left without a score. */
  NONE,
  PROMOTER, PASSIVE, DETRACTOR,
  SATISFIED, NEUTRAL, DISSATISFIED,
  EASY, MODERATE, DIFFICULT
}
