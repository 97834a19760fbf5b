package cx.returns.domain;

import java.time.Instant;
import java.util.Map;

/**
 * The units one return holds on the lines of its order.
 *
 * @param claimTime when the claim was made; a claim whose return was never stored is given up
 *     once it is old enough (see {@link ReturnableUnits#ABANDONED_CLAIM_AGE})
 * @param quantitiesByLine units held, by order line id
 */
public record ReturnClaim(String returnId, Instant claimTime, Map<String, Integer> quantitiesByLine) {

  public ReturnClaim {
    quantitiesByLine = Map.copyOf(quantitiesByLine);
  }
}
