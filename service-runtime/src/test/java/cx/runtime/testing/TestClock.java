package cx.runtime.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that tests move forward: a fixed instant, or the system time, plus an offset. */
public final class TestClock extends Clock {

  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  private TestClock(Clock base) {
    this.base = base;
  }

  public static TestClock fixedAt(Instant instant) {
    return new TestClock(Clock.fixed(instant, ZoneOffset.UTC));
  }

  public static TestClock systemUtc() {
    return new TestClock(Clock.systemUTC());
  }

  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }
}
