package cx.runtime.ids;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Record ids, in one alphabet without look-alike characters: random for a new record, or
 * computed from a natural key when repeated writes of that key must land on one record, so that
 * the store's unique {@code _id} guards against duplicates without a transaction. Plain Java, so
 * that every service's {@code domain} may use it.
 */
public final class RecordIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  private static final int MAX_DERIVED_LENGTH = 51;

  private RecordIds() {
  }

  /** A new random id of {@code length} characters (5 bits each). */
  public static String random(int length) {
    char[] id = new char[length];
    for (int i = 0; i < length; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }

  /**
   * The id of a natural key given as parts: {@code length} characters of its SHA-256. Parts are
   * length-prefixed, so no two different part lists give the same input.
   */
  public static String derived(int length, String... parts) {
    if (length < 1 || length > MAX_DERIVED_LENGTH) {
      throw new IllegalArgumentException("a derived id has 1 to " + MAX_DERIVED_LENGTH + " characters");
    }
    byte[] digest;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
      }
      digest = sha.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    char[] id = new char[length];
    for (int i = 0; i < length; i++) {
      int bit = i * 5;
      int high = digest[bit / 8] & 0xff;
      int low = bit / 8 + 1 < digest.length ? digest[bit / 8 + 1] & 0xff : 0;
      id[i] = ALPHABET[(((high << 8) | low) >> (11 - bit % 8)) & 31];
    }
    return new String(id);
  }
}
