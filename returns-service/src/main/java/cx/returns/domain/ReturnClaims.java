package cx.returns.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The units of an order's lines that its returns hold, kept on the order so that the check
 * "never more than was bought" and the claim itself are one compare-and-set on one document.
 *
 * <p>Every change increments {@link #version}; the store applies a change only if the version
 * is still the one it was computed from, so two returns can never both take the last unit.
 *
 * @param active the claims of returns that are not cancelled, rejected or expired
 * @param releasedReturnIds returns that gave their units back when they were cancelled, rejected
 *     or expired; they may never claim again, so a late retry of a create whose return has left
 *     meanwhile cannot take units back
 */
public record ReturnClaims(long version, List<ReturnClaim> active, List<String> releasedReturnIds) {

  public static final ReturnClaims NONE = new ReturnClaims(0, List.of(), List.of());

  public ReturnClaims {
    active = List.copyOf(active);
    releasedReturnIds = List.copyOf(releasedReturnIds);
  }

  /** The units of a line held by every return. */
  public int claimedQuantity(String lineId) {
    return claimedQuantityExcept(lineId, null);
  }

  /** The units of a line held by every return but {@code returnId}. */
  public int claimedQuantityExcept(String lineId, String returnId) {
    int claimed = 0;
    for (ReturnClaim claim : active) {
      if (!claim.returnId().equals(returnId)) {
        claimed += claim.quantitiesByLine().getOrDefault(lineId, 0);
      }
    }
    return claimed;
  }

  public boolean holds(String returnId) {
    return active.stream().anyMatch(c -> c.returnId().equals(returnId));
  }

  public boolean released(String returnId) {
    return releasedReturnIds.contains(returnId);
  }

  /** These claims with one more. */
  public ReturnClaims with(ReturnClaim claim) {
    List<ReturnClaim> next = new ArrayList<>(active);
    next.add(claim);
    return new ReturnClaims(version + 1, next, releasedReturnIds);
  }

  /** These claims with the given returns' claims given up for good: they can never claim again. */
  public ReturnClaims without(Collection<String> returnIds) {
    List<String> released = new ArrayList<>(releasedReturnIds);
    returnIds.stream().filter(id -> !released.contains(id)).forEach(released::add);
    return new ReturnClaims(version + 1,
        active.stream().filter(c -> !returnIds.contains(c.returnId())).toList(), released);
  }

  /**
   * These claims without those of returns that were never stored. Unlike {@link #without}, a
   * later retry of such a create may claim again, as if it were new.
   */
  public ReturnClaims withoutAbandoned(Collection<String> returnIds) {
    return new ReturnClaims(version + 1,
        active.stream().filter(c -> !returnIds.contains(c.returnId())).toList(), releasedReturnIds);
  }
}
