package cx.feedback.domain;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How many responses of one survey type gave each score, and how many were dismissed, with the
 * industry measures computed from those counts. Counts are exact, so every measure computed from
 * a sum of tallies equals the measure computed from the responses themselves. Immutable.
 *
 * <p>Dismissed responses (without a score) are counted apart and are in no denominator.
 */
public final class ScoreTally {

  private final SurveyType type;
  private final long[] counts;
  private final long dismissed;

  private ScoreTally(SurveyType type, long[] counts, long dismissed) {
    this.type = type;
    this.counts = counts;
    this.dismissed = dismissed;
  }

  /** No responses. */
  public static ScoreTally empty(SurveyType type) {
    return new ScoreTally(type, new long[type.maxScore() - type.minScore() + 1], 0);
  }

  /**
   * A tally from counts.
   *
   * @param countsByScore the count of every score of the type's scale, lowest score first
   */
  public static ScoreTally of(SurveyType type, long[] countsByScore, long dismissed) {
    if (countsByScore.length != type.maxScore() - type.minScore() + 1) {
      throw new IllegalArgumentException("a " + type + " tally needs one count per score");
    }
    return new ScoreTally(type, countsByScore.clone(), dismissed);
  }

  /** This tally with one more response: a score, or a dismissal when empty. */
  public ScoreTally with(OptionalInt score) {
    if (score.isEmpty()) {
      return new ScoreTally(type, counts, dismissed + 1);
    }
    if (!type.accepts(score.getAsInt())) {
      throw new IllegalArgumentException("score " + score.getAsInt() + " is not on the " + type + " scale");
    }
    long[] more = counts.clone();
    more[score.getAsInt() - type.minScore()]++;
    return new ScoreTally(type, more, dismissed);
  }

  /** The sum of two tallies of the same type. */
  public ScoreTally plus(ScoreTally other) {
    if (other.type != type) {
      throw new IllegalArgumentException("cannot add a " + other.type + " tally to a " + type + " tally");
    }
    long[] sum = counts.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += other.counts[i];
    }
    return new ScoreTally(type, sum, dismissed + other.dismissed);
  }

  public SurveyType type() {
    return type;
  }

  /** The number of responses that gave this score. */
  public long count(int score) {
    return type.accepts(score) ? counts[score - type.minScore()] : 0;
  }

  /** Answered responses: the denominator of every measure. */
  public long responseCount() {
    return Arrays.stream(counts).sum();
  }

  /** Responses recorded without a score. */
  public long dismissedCount() {
    return dismissed;
  }

  /** Responses scored from {@code low} to {@code high}, both included. */
  public long countBetween(int low, int high) {
    long sum = 0;
    for (int score = Math.max(low, type.minScore()); score <= Math.min(high, type.maxScore()); score++) {
      sum += counts[score - type.minScore()];
    }
    return sum;
  }

  /** NPS promoters: 9 or 10. */
  public long promoterCount() {
    return countBetween(9, 10);
  }

  /** NPS passives: 7 or 8. */
  public long passiveCount() {
    return countBetween(7, 8);
  }

  /** NPS detractors: 0 to 6. */
  public long detractorCount() {
    return countBetween(0, 6);
  }

  /** CSAT satisfied answers: 4 or 5. */
  public long satisfiedCount() {
    return countBetween(4, 5);
  }

  /** CES easy answers: 5 to 7. */
  public long easyCount() {
    return countBetween(5, 7);
  }

  /** {@code part} of the answered responses, in percent; empty when there are none. */
  public OptionalDouble percentOf(long part) {
    long total = responseCount();
    return total == 0 ? OptionalDouble.empty() : OptionalDouble.of(part * 100.0 / total);
  }

  /** Net Promoter Score, % promoters − % detractors, from −100 to 100; empty without answers. */
  public OptionalDouble nps() {
    long total = responseCount();
    return total == 0 ? OptionalDouble.empty()
        : OptionalDouble.of((promoterCount() - detractorCount()) * 100.0 / total);
  }

  /** The mean score; empty without answers. */
  public OptionalDouble meanScore() {
    long total = responseCount();
    if (total == 0) {
      return OptionalDouble.empty();
    }
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      sum += (long) (i + type.minScore()) * counts[i];
    }
    return OptionalDouble.of((double) sum / total);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoreTally t && t.type == type && t.dismissed == dismissed && Arrays.equals(t.counts, counts);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + Arrays.hashCode(counts) + Long.hashCode(dismissed);
  }

  @Override
  public String toString() {
    return type + Arrays.toString(counts) + "+" + dismissed + " dismissed";
  }
}
