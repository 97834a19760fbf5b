package cx.returns.api;

import com.google.protobuf.Timestamp;
import cx.common.v1.Channel;
import cx.returns.domain.Money;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;

/** Conversions of the small shared value types: money, timestamps and channels. */
final class ProtoValues {

  /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range a Timestamp may hold. */
  private static final long MIN_SECONDS = -62_135_596_800L;
  private static final long MAX_SECONDS = 253_402_300_799L;

  private ProtoValues() {
  }

  static cx.common.v1.Money money(Money money) {
    return cx.common.v1.Money.newBuilder()
        .setCurrencyCode(money.currencyCode())
        .setMinorUnits(money.minorUnits())
        .build();
  }

  static Money money(cx.common.v1.Money money) {
    return new Money(money.getCurrencyCode(), money.getMinorUnits());
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  /** The instant a timestamp holds, or INVALID_ARGUMENT naming the field if it is out of range. */
  static Instant instant(Timestamp timestamp, String field) {
    if (timestamp.getSeconds() < MIN_SECONDS || timestamp.getSeconds() > MAX_SECONDS
        || timestamp.getNanos() < 0 || timestamp.getNanos() > 999_999_999) {
      throw InvalidArgumentException.of(field, "is not a valid timestamp");
    }
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  /** The domain's channel, or null for CHANNEL_UNSPECIFIED. */
  static cx.returns.domain.Channel channel(Channel channel, String field) {
    return switch (channel) {
      case CHANNEL_UNSPECIFIED -> null;
      case UNRECOGNIZED -> throw InvalidArgumentException.of(field, "is not a known channel");
      default -> cx.returns.domain.Channel.valueOf(channel.name().substring("CHANNEL_".length()));
    };
  }

  static Channel channel(cx.returns.domain.Channel channel) {
    return Channel.valueOf("CHANNEL_" + channel.name());
  }

  /** A domain enum constant named like a proto one without its prefix, or null for the zero value. */
  static <E extends Enum<E>> E fromProto(Enum<?> value, String prefix, Class<E> type, String field) {
    if (value.name().equals("UNRECOGNIZED")) {
      throw InvalidArgumentException.of(field, "is not a known value");
    }
    String name = value.name().substring(prefix.length());
    return name.equals("UNSPECIFIED") ? null : Enum.valueOf(type, name);
  }
}
