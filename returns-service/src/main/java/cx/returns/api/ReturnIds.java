package cx.returns.api;

import java.security.SecureRandom;

/** New random return ids: 16 characters, about 80 bits, no look-alike characters. */
final class ReturnIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private ReturnIds() {
  }

  static String newId() {
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }
}
