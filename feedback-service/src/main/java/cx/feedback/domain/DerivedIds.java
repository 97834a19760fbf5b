package cx.feedback.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Ids computed from a natural key instead of drawn at random. Writing a record under the id of
 * its key makes the store's unique {@code _id} the guard against duplicates: concurrent or
 * repeated writes of one key all land on one document, without a transaction.
 */
public final class DerivedIds {

  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  private static final int LENGTH = 26;

  private DerivedIds() {
  }

  /**
   * A 26-character id (130 bits of SHA-256, in the same alphabet as random ids) for the given
   * key parts. Parts are length-prefixed, so no two different part lists give the same input.
   */
  public static String of(String... parts) {
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
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      int bit = i * 5;
      int window = ((digest[bit / 8] & 0xff) << 8) | (digest[bit / 8 + 1] & 0xff);
      id[i] = ALPHABET[(window >> (11 - bit % 8)) & 31];
    }
    return new String(id);
  }
}
