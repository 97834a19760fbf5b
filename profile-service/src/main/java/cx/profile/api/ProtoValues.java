package cx.profile.api;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import cx.common.v1.Channel;
import cx.runtime.failure.InvalidArgumentException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads and writes the protobuf well-known time types (Timestamp, Duration) and the shared
 * channel enum for the consent, interaction and audit RPCs, rejecting values no clock can hold.
 */
final class ProtoValues {

  private ProtoValues() {
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  /** The instant of a set timestamp, or empty when it is unset. */
  static Optional<Instant> instant(boolean isSet, Timestamp timestamp, String field) {
    if (!isSet) {
      return Optional.empty();
    }
    if (timestamp.getNanos() < 0 || timestamp.getNanos() > 999_999_999 || timestamp.getSeconds() < 0
        || timestamp.getSeconds() > 253_402_300_799L) {
      throw InvalidArgumentException.of(field, "is not a valid time between 1970 and 9999");
    }
    try {
      return Optional.of(Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
    } catch (DateTimeException e) {
      throw InvalidArgumentException.of(field, "is not a valid time between 1970 and 9999");
    }
  }

  /** The duration of a set duration message, or empty when it is unset. */
  static Optional<java.time.Duration> duration(boolean isSet, Duration duration, String field) {
    if (!isSet) {
      return Optional.empty();
    }
    if (duration.getNanos() < -999_999_999 || duration.getNanos() > 999_999_999
        || Math.abs(duration.getSeconds()) > 315_576_000_000L
        || (duration.getSeconds() > 0 && duration.getNanos() < 0)
        || (duration.getSeconds() < 0 && duration.getNanos() > 0)) {
      throw InvalidArgumentException.of(field, "is not a valid duration");
    }
    return Optional.of(java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos()));
  }

  static Duration duration(java.time.Duration duration) {
    return Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
  }

  /** A channel's name without its prefix, e.g. {@code WEB}; empty for UNSPECIFIED. */
  static String channelName(Channel channel, String field) {
    if (channel == Channel.UNRECOGNIZED) {
      throw InvalidArgumentException.of(field, "is not a known channel");
    }
    return channel == Channel.CHANNEL_UNSPECIFIED ? "" : channel.name().substring("CHANNEL_".length());
  }

  /** The channel of a name without prefix; UNSPECIFIED for an empty one. */
  static Channel channel(String name) {
    return name.isEmpty() ? Channel.CHANNEL_UNSPECIFIED : Channel.valueOf("CHANNEL_" + name);
  }
}
