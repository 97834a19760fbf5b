package cx.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What verifying a bearer token proved, remembered for the exact token so that a caller who
 * sends the same token again is not parsed, verified and validated again on every call.
 *
 * <p>An entry is kept until the token expires, and never longer than {@link #MAX_AGE}, so that a
 * key withdrawn from an identity provider stops admitting its tokens soon after. Only tokens that
 * verified are remembered: a bad token is checked in full every time and gets the full answer.
 * The number of entries is bounded; when full, expired entries go first, then all of them.
 *
 * @param <V> what a verified token proves (a caller, a decoded token)
 */
public final class VerifiedTokens<V> {

  /** The longest a verified token is trusted without verifying it again. */
  public static final Duration MAX_AGE = Duration.ofMinutes(5);

  /** Tokens longer than this are verified every time rather than kept. */
  static final int MAX_TOKEN_LENGTH = 8192;

  private final int capacity;
  private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

  public VerifiedTokens(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** What {@code token} proved when it was verified, or null when it must be verified (again). */
  public V get(String token, Instant now) {
    Entry<V> entry = entries.get(token);
    if (entry == null) {
      return null;
    }
    if (!now.isBefore(entry.until())) {
      entries.remove(token, entry);
      return null;
    }
    return entry.value();
  }

  /** Remembers that {@code token}, which expires at {@code expiresAt}, proved {@code value}. */
  public void put(String token, V value, Instant expiresAt, Instant now) {
    if (token.length() > MAX_TOKEN_LENGTH || expiresAt == null || !now.isBefore(expiresAt)) {
      return;
    }
    Instant until = expiresAt.isBefore(now.plus(MAX_AGE)) ? expiresAt : now.plus(MAX_AGE);
    if (entries.size() >= capacity) {
      entries.values().removeIf(entry -> !now.isBefore(entry.until()));
      if (entries.size() >= capacity) {
        entries.clear();
      }
    }
    entries.put(token, new Entry<>(value, until));
  }

  int size() {
    return entries.size();
  }

  private record Entry<V>(V value, Instant until) {
  }
}
