package cx.runtime.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Makes creates safe to retry (AIP-155).
 *
 * <p>The first request with a key reserves it together with the id the new resource will get;
 * every retry with that key, concurrent or later, gets the same id back. The caller then writes
 * the resource under that id with an insert that ignores "already there", and answers from the
 * stored resource. So N concurrent retries create exactly one resource, and a crash between
 * the reservation and the insert is repaired by the next retry, with no transaction.
 *
 * <p>A key reused with a different payload is refused with {@code ALREADY_EXISTS} reason
 * {@code REQUEST_ID_REUSED}. Keys are kept for {@link #RETENTION}.
 */
public final class IdempotencyKeys {

  /** How long a key is remembered. */
  public static final Duration RETENTION = Duration.ofDays(7);

  private static final Pattern VALID_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final MongoCollection<Document> keys;
  private final Clock clock;

  public IdempotencyKeys(MongoDatabase database, Clock clock) {
    this.keys = database.getCollection("idempotency_keys");
    this.clock = clock;
    keys.createIndex(Indexes.ascending("createdAt"),
        new IndexOptions().name("expire_keys").expireAfter(RETENTION.toSeconds(), TimeUnit.SECONDS));
  }

  /** The outcome of a reservation: the id to create the resource under. */
  public record Reservation(String resourceId, boolean firstUse) {
  }

  /**
   * Reserves {@code requestId} within {@code scope} (the kind of create, e.g. "CreateReturn").
   *
   * @param requestIdField the request field holding the key, named in errors
   * @param payloadFingerprint a fingerprint of everything in the request but the key itself
   * @param newId makes the id for a resource created for the first time
   */
  public Reservation reserve(String scope, String requestIdField, String requestId,
      String payloadFingerprint, Supplier<String> newId) {
    if (!VALID_KEY.matcher(requestId).matches()) {
      throw InvalidArgumentException.of(requestIdField,
          "must be 1 to 128 letters, digits, '.', '_', ':' or '-' (a UUID is recommended)");
    }
    String key = scope + "/" + requestId;
    String candidate = newId.get();
    try {
      keys.insertOne(new Document("_id", key)
          .append("fingerprint", payloadFingerprint)
          .append("resourceId", candidate)
          .append("createdAt", Date.from(clock.instant())));
      return new Reservation(candidate, true);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    Document existing = keys.find(Filters.eq("_id", key)).first();
    if (existing == null) {
      // The key expired between our insert attempt and this read; treat as a first use.
      return reserve(scope, requestIdField, requestId, payloadFingerprint, newId);
    }
    if (!payloadFingerprint.equals(existing.getString("fingerprint"))) {
      throw new AlreadyExistsException("REQUEST_ID_REUSED",
          "The " + requestIdField + " was already used for a different request.");
    }
    return new Reservation(existing.getString("resourceId"), false);
  }

  /** A stable fingerprint of a request's bytes (without its idempotency key). */
  public static String fingerprint(byte[] payload) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A stable fingerprint of a text payload. */
  public static String fingerprint(String payload) {
    return fingerprint(payload.getBytes(StandardCharsets.UTF_8));
  }
}
