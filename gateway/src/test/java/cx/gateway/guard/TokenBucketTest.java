package cx.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void exactlyTheBurstPassesAtOnceAndTheNextWaitsForOneRefill() {
    TokenBucket bucket = new TokenBucket(2, 5, 0);
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.tryTake(0)).as("request %d", i + 1).isZero();
    }

    assertThat(bucket.tryTake(0)).isEqualTo(SECOND / 2);
  }

  @Test
  void tokensComeBackAtTheRateButNeverBeyondTheBurst() {
    TokenBucket bucket = new TokenBucket(10, 3, 0);
    for (int i = 0; i < 3; i++) {
      bucket.tryTake(0);
    }

    assertThat(bucket.tryTake(SECOND / 10)).isZero();
    assertThat(bucket.tryTake(SECOND / 10)).isPositive();
    assertThat(bucket.isFull(100 * SECOND)).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(bucket.tryTake(100 * SECOND)).isZero();
    }
    assertThat(bucket.tryTake(100 * SECOND)).isPositive();
  }
}
