package cx.gateway.history;

import cx.gateway.transcoding.BadHttpRequestException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The unified timeline's page token: the position of the last event shown and a fingerprint of
 * the query, signed, so that a token that was altered or issued for another customer or other
 * filters is refused rather than followed.
 */
final class TimelineCursor {

  private static final int MAC_BYTES = 16;
  private static final int MAX_TOKEN_CHARS = 1024;

  private final SecretKeySpec key;

  TimelineCursor(String secret) {
    if (secret.length() < 16) {
      throw new IllegalArgumentException("the timeline token key must have at least 16 characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  String encode(TimelineOrder.Position position, String queryFingerprint) {
    byte[] id = position.eventId().getBytes(StandardCharsets.UTF_8);
    byte[] query = queryFingerprint.getBytes(StandardCharsets.UTF_8);
    ByteBuffer payload = ByteBuffer.allocate(8 + 4 + 4 + id.length + 4 + query.length)
        .putLong(position.millis()).putInt(position.source()).putInt(id.length).put(id).putInt(query.length).put(query);
    byte[] signed = ByteBuffer.allocate(payload.capacity() + MAC_BYTES).put(payload.array()).put(mac(payload.array()))
        .array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
  }

  /** The position a token continues from; empty for no token; 400 for anything else. */
  Optional<TimelineOrder.Position> decode(String token, String queryFingerprint) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (token.length() > MAX_TOKEN_CHARS) {
        throw invalid();
      }
      byte[] raw = Base64.getUrlDecoder().decode(token);
      if (raw.length <= MAC_BYTES + 20) {
        throw invalid();
      }
      byte[] payload = Arrays.copyOf(raw, raw.length - MAC_BYTES);
      if (!MessageDigest.isEqual(mac(payload), Arrays.copyOfRange(raw, payload.length, raw.length))) {
        throw invalid();
      }
      ByteBuffer buffer = ByteBuffer.wrap(payload);
      long millis = buffer.getLong();
      int source = buffer.getInt();
      byte[] id = new byte[buffer.getInt()];
      buffer.get(id);
      byte[] query = new byte[buffer.getInt()];
      buffer.get(query);
      if (!new String(query, StandardCharsets.UTF_8).equals(queryFingerprint)) {
        throw new BadHttpRequestException("pageToken", "was issued for a different customer or filter");
      }
      return Optional.of(new TimelineOrder.Position(millis, source, new String(id, StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException | BufferUnderflowException | NegativeArraySizeException e) {
      throw invalid();
    }
  }

  /** A fingerprint of the customer and filters a token may continue. */
  static String fingerprint(String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(), 9));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private byte[] mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Arrays.copyOf(mac.doFinal(data), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }

  private static BadHttpRequestException invalid() {
    return new BadHttpRequestException("pageToken", "is not a token this gateway issued");
  }
}
