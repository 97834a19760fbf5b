package cx.feedback.domain;

import java.util.Optional;

/**
 * The industry measure a survey collects. The type fixes the score scale, the bands a score
 * falls in, and which answers need a follow-up with the customer.
 */
public enum SurveyType {
  /** Net Promoter Score, 0 to 10: 9-10 promoters, 7-8 passives, 0-6 detractors. */
  NPS(0, 10),
  /** Customer Satisfaction, 1 to 5: 4-5 satisfied, 3 neutral, 1-2 dissatisfied. */
  CSAT(1, 5),
  /** Customer Effort Score, 1 (very difficult) to 7 (very easy): 5-7 easy, 4 moderate, 1-3 difficult. */
  CES(1, 7);

  private final int minScore;
  private final int maxScore;

  SurveyType(int minScore, int maxScore) {
    this.minScore = minScore;
    this.maxScore = maxScore;
  }

  public int minScore() {
    return minScore;
  }

  public int maxScore() {
    return maxScore;
  }

  /** Whether a score lies on this type's scale. */
  public boolean accepts(int score) {
    return score >= minScore && score <= maxScore;
  }

  /** The band of a score on this type's scale. */
  public ScoreBand band(int score) {
    if (!accepts(score)) {
      throw new IllegalArgumentException("score " + score + " is not on the " + this + " scale");
    }
    return switch (this) {
      case NPS -> score >= 9 ? ScoreBand.PROMOTER : score >= 7 ? ScoreBand.PASSIVE : ScoreBand.DETRACTOR;
      case CSAT -> score >= 4 ? ScoreBand.SATISFIED : score == 3 ? ScoreBand.NEUTRAL : ScoreBand.DISSATISFIED;
      case CES -> score >= 5 ? ScoreBand.EASY : score == 4 ? ScoreBand.MODERATE : ScoreBand.DIFFICULT;
    };
  }

  /**
   * Why an answer with this score needs a follow-up with the customer, or empty when it does
   * not: a detractor NPS or a dissatisfied CSAT does. CES has no follow-up band.
   */
  public Optional<FollowUpTrigger> followUpTrigger(int score) {
    return switch (band(score)) {
      case DETRACTOR -> Optional.of(FollowUpTrigger.NPS_DETRACTOR);
      case DISSATISFIED -> Optional.of(FollowUpTrigger.CSAT_DISSATISFIED);
      default -> Optional.empty();
    };
  }
}
