package cx.access;

import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's token signing key, as every process reads it from {@code CX_AUTH_HMAC_KEY}
 * ({@code cx.auth.hmac-key}): base64, at least 32 bytes, the same in every process of one
 * deployment.
 */
public final class SigningKey {

  private SigningKey() {
  }

  /**
   * The HMAC-SHA256 key from its base64 form.
   *
   * @throws IllegalStateException naming the setting, when the key is missing, not base64 or
   *     too short, so that a process refuses to start with a message that says what to fix
   */
  public static SecretKey fromBase64(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalStateException("No token signing key: set CX_AUTH_HMAC_KEY (cx.auth.hmac-key) to a base64 "
          + "key of at least 32 random bytes, the same for every process (bin/cx makes one for local use).");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalStateException("CX_AUTH_HMAC_KEY (cx.auth.hmac-key) is not base64.");
    }
    if (bytes.length < 32) {
      throw new IllegalStateException("CX_AUTH_HMAC_KEY (cx.auth.hmac-key) must hold at least 32 bytes.");
    }
    return new SecretKeySpec(bytes, "HmacSHA256");
  }
}
