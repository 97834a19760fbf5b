package cx.runtime.paging;

import com.google.protobuf.InvalidProtocolBufferException;
import cx.common.v1.PageCursor;
import cx.runtime.failure.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes list positions as opaque page tokens and reads them back.
 *
 * <p>A token is a {@link PageCursor} followed by an HMAC over it, base64url-encoded. The cursor
 * carries a fingerprint of the query it was issued for, so that a token that was altered, made
 * up, or issued for another query (other customer ids, other filters) is rejected as
 * {@code INVALID_ARGUMENT} instead of returning someone else's page.
 */
public final class PageTokens {

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 16;
  private static final int MAX_TOKEN_CHARS = 4096;

  private final SecretKeySpec key;

  /** @param secret the signing key; every instance of a service must share it */
  public PageTokens(String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("the page token key must have at least 16 characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /**
   * A fingerprint of a query: the method and every parameter that shapes the result set, in a
   * fixed order. Two queries with the same fingerprint may share tokens.
   */
  public static String fingerprint(String method, List<String> parameters) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(method.getBytes(StandardCharsets.UTF_8));
      for (String parameter : parameters) {
        byte[] bytes = parameter.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(), 12));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The token that continues after {@code lastKey} for the query with this fingerprint. */
  public String encode(String queryFingerprint, List<String> lastKey) {
    byte[] cursor = PageCursor.newBuilder()
        .setQueryFingerprint(queryFingerprint)
        .addAllLastKey(lastKey)
        .build()
        .toByteArray();
    byte[] token = ByteBuffer.allocate(cursor.length + MAC_BYTES).put(cursor).put(mac(cursor)).array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /**
   * The position a token continues from, or an empty key for an empty token (the first page).
   *
   * @throws InvalidArgumentException naming {@code page_token} if the token is malformed,
   *     altered, or was issued for another query
   */
  public List<String> decode(String token, String queryFingerprint) {
    if (token == null || token.isEmpty()) {
      return List.of();
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw invalid();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    // An empty cursor (no fingerprint, no key) is legal, so a token may be its MAC alone.
    if (raw.length < MAC_BYTES) {
      throw invalid();
    }
    byte[] cursorBytes = Arrays.copyOf(raw, raw.length - MAC_BYTES);
    byte[] presentedMac = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
    if (!MessageDigest.isEqual(presentedMac, mac(cursorBytes))) {
      throw invalid();
    }
    PageCursor cursor;
    try {
      cursor = PageCursor.parseFrom(cursorBytes);
    } catch (InvalidProtocolBufferException e) {
      throw invalid();
    }
    if (!cursor.getQueryFingerprint().equals(queryFingerprint)) {
      throw InvalidArgumentException.of("page_token", "was issued for a different query");
    }
    return List.copyOf(cursor.getLastKeyList());
  }

  private byte[] mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return Arrays.copyOf(mac.doFinal(data), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }

  private static InvalidArgumentException invalid() {
    return InvalidArgumentException.of("page_token", "is not a token this service issued");
  }
}
