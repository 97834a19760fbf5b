package cx.profile.domain;

import java.time.Instant;
import java.util.List;

/**
 * The part of a consent change that lives outside the customer's consent document: its history
 * entries, its audit entry and its timeline event. It is stored in the document in the same
 * atomic write as the new current decisions, and whoever reads the document next writes these
 * (each write is idempotent) and clears it, so a crash in between loses nothing.
 *
 * @param operationId the change, merge or unmerge being written
 * @param actor who made the change
 * @param time when it was made
 */
public record PendingConsentWrite(String operationId, ConsentChangeCause cause, Actor actor, Instant time,
    List<ConsentChange> entries) {

  public PendingConsentWrite {
    entries = List.copyOf(entries);
  }
}
