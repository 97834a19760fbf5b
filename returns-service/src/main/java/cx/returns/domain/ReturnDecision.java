package cx.returns.domain;

import java.time.Instant;
import java.util.List;

/**
 * The return policy's decision on a new return, with the reasons shown to the customer.
 *
 * @param estimatedRefund the refund if every requested unit is accepted: value minus fees
 * @param windowEndTime the earliest end of the requested lines' return windows, inclusive
 * @param policyVersion the version of the policy that decided
 */
public record ReturnDecision(DecisionOutcome outcome, List<PolicyReason> reasons, Money estimatedRefund,
    Money estimatedRestockingFee, Instant windowEndTime, long policyVersion, Instant decideTime) {

  public ReturnDecision {
    reasons = List.copyOf(reasons);
  }
}
