package cx.profile.domain;

import java.time.Duration;

/**
 * How long the privacy fan-out waits before calling a service again after a failed call: the
 * first delay, doubled with every further failure, up to a ceiling. Without a ceiling a service
 * that was down for a day would be tried again only days after it came back.
 *
 * @param first the delay after the first failure
 * @param ceiling the longest delay
 */
public record RetryBackoff(Duration first, Duration ceiling) {

  public RetryBackoff {
    if (first.isNegative() || first.isZero() || ceiling.compareTo(first) < 0) {
      throw new IllegalArgumentException("the first delay must be positive and at most the ceiling");
    }
  }

  /** The delay after the {@code failures}-th failed call in a row (1 for the first). */
  public Duration after(int failures) {
    Duration delay = first;
    for (int i = 1; i < failures && delay.compareTo(ceiling) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(ceiling) > 0 ? ceiling : delay;
  }
}
