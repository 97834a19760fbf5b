package cx.profile.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Ids of the records kept about a profile (consent changes, audit entries, interactions):
 * random when a record is new, or computed from a natural key when a repeated write must land
 * on the same record, so that the store's unique {@code _id} is the guard against duplicates.
 */
public final class RecordIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  private static final int LENGTH = 20;

  private RecordIds() {
  }

  /** A new random id: 20 characters, 100 bits, no look-alike characters. */
  public static String random() {
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }

  /**
   * The id for a natural key given as parts: 20 characters of its SHA-256, in the alphabet of
   * random ids. Parts are length-prefixed, so no two different part lists give the same input.
   */
  public static String derived(String... parts) {
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
