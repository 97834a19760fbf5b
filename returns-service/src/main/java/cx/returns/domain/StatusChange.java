package cx.returns.domain;

import java.time.Instant;

/**
 * One entry of a return's status history.
 *
 * @param customerMessage the text shown to the customer for this step
 */
public record StatusChange(ReturnState state, Actor actor, Instant changeTime, String customerMessage) {
}
