package cx.returns.domain;

/**
 * One reason behind a policy decision.
 *
 * @param message the explanation shown to the customer
 * @param orderLineId the line the reason is about; empty when it is about the whole return
 */
public record PolicyReason(PolicyReasonCode code, String message, String orderLineId) {
}
