package cx.feedback.api;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import cx.common.v1.Channel;
import cx.feedback.domain.Actor;
import cx.feedback.domain.LinkedRecord;
import cx.feedback.domain.LinkedRecordKind;
import cx.feedback.v1.ActorRole;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Copies the values every feedback message shares (times, durations, channels, enums, linked
 * records, actors) between their generated and their domain form, rejecting what cannot be a
 * value of its kind with INVALID_ARGUMENT naming the field.
 */
final class ValueMessages {

  /** The range of google.protobuf.Timestamp: 0001-01-01 to 9999-12-31. */
  private static final long MIN_SECONDS = -62_135_596_800L;
  private static final long MAX_SECONDS = 253_402_300_799L;

  private ValueMessages() {
  }

  /**
   * The domain constant of a generated enum value, matched by name after the value's prefix
   * (CHANNEL_WEB to WEB); null for the unspecified value, INVALID_ARGUMENT for an unknown one.
   */
  static <E extends Enum<E>> E fromProto(Enum<?> value, String prefix, Class<E> domainType, String field) {
    if (value.name().equals("UNRECOGNIZED")) {
      throw InvalidArgumentException.of(field, "is not a known value");
    }
    if (value.name().equals(prefix + "UNSPECIFIED")) {
      return null;
    }
    return Enum.valueOf(domainType, value.name().substring(prefix.length()));
  }

  /** The generated enum value of a domain constant, or the unspecified value for null. */
  static <P extends Enum<P>> P toProto(Enum<?> value, String prefix, Class<P> protoType) {
    return Enum.valueOf(protoType, prefix + (value == null ? "UNSPECIFIED" : value.name()));
  }

  /**
   * The domain constants of a repeated enum filter field, in order without repeats; the
   * unspecified or an unknown value is refused naming its position.
   */
  static <E extends Enum<E>> Set<E> enumSet(List<? extends Enum<?>> values, String prefix, Class<E> domainType,
      String field) {
    Set<E> result = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      E value = fromProto(values.get(i), prefix, domainType, field + "[" + i + "]");
      if (value == null) {
        throw InvalidArgumentException.of(field + "[" + i + "]", "must not be the unspecified value");
      }
      result.add(value);
    }
    return result;
  }

  static cx.feedback.domain.Channel channel(Channel channel, String field) {
    return fromProto(channel, "CHANNEL_", cx.feedback.domain.Channel.class, field);
  }

  static Channel channel(cx.feedback.domain.Channel channel) {
    return toProto(channel, "CHANNEL_", Channel.class);
  }

  static List<cx.feedback.domain.Channel> channels(List<Channel> channels, String field) {
    List<cx.feedback.domain.Channel> result = new ArrayList<>();
    for (int i = 0; i < channels.size(); i++) {
      cx.feedback.domain.Channel channel = channel(channels.get(i), field + "[" + i + "]");
      if (channel == null) {
        throw InvalidArgumentException.of(field + "[" + i + "]", "must not be CHANNEL_UNSPECIFIED");
      }
      result.add(channel);
    }
    return result;
  }

  /** The instant of a timestamp, or null when it is unset. */
  static Instant instant(boolean present, Timestamp timestamp, String field) {
    if (!present) {
      return null;
    }
    if (timestamp.getSeconds() < MIN_SECONDS || timestamp.getSeconds() > MAX_SECONDS
        || timestamp.getNanos() < 0 || timestamp.getNanos() > 999_999_999) {
      throw InvalidArgumentException.of(field, "is not a valid timestamp");
    }
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  /** The duration, or null when it is unset. */
  static java.time.Duration duration(boolean present, Duration duration, String field) {
    if (!present) {
      return null;
    }
    if (duration.getNanos() < -999_999_999 || duration.getNanos() > 999_999_999
        || Math.abs(duration.getSeconds()) > 315_576_000_000L) {
      throw InvalidArgumentException.of(field, "is not a valid duration");
    }
    return java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
  }

  static Duration duration(java.time.Duration duration) {
    return Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
  }

  /** The linked record, or null when it is unset. */
  static LinkedRecord linkedRecord(boolean present, cx.feedback.v1.LinkedRecord record, String field) {
    if (!present) {
      return null;
    }
    LinkedRecordKind kind = fromProto(record.getKind(), "LINKED_RECORD_KIND_", LinkedRecordKind.class,
        field + ".kind");
    if (kind == null) {
      throw InvalidArgumentException.of(field + ".kind", "is required");
    }
    if (!LinkedRecord.isValidId(record.getId())) {
      throw InvalidArgumentException.of(field + ".id", "must be 1 to 128 letters, digits, '-', '_', '.' or ':'");
    }
    return new LinkedRecord(kind, record.getId());
  }

  static List<LinkedRecord> linkedRecords(List<cx.feedback.v1.LinkedRecord> records, String field) {
    List<LinkedRecord> result = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      result.add(linkedRecord(true, records.get(i), field + "[" + i + "]"));
    }
    return result;
  }

  static cx.feedback.v1.LinkedRecord linkedRecord(LinkedRecord record) {
    return cx.feedback.v1.LinkedRecord.newBuilder()
        .setKind(toProto(record.kind(), "LINKED_RECORD_KIND_", cx.feedback.v1.LinkedRecordKind.class))
        .setId(record.id())
        .build();
  }

  static cx.feedback.v1.Actor actor(Actor actor) {
    return cx.feedback.v1.Actor.newBuilder()
        .setRole(toProto(actor.role(), "ACTOR_ROLE_", ActorRole.class))
        .setSubject(actor.subject())
        .build();
  }
}
