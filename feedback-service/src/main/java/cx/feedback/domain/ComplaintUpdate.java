package cx.feedback.domain;

import java.time.Instant;

/**
 * One change to a complaint, as the customer sees it in the complaint's history. Updates are
 * appended, never changed.
 *
 * @param updateId unique within the complaint and stable: its position in the history, from 1
 * @param previousState equal to {@code newState} for changes that are not transitions
 */
public record ComplaintUpdate(String updateId, ComplaintUpdateKind kind, ComplaintState previousState,
    ComplaintState newState, Actor actor, String note, Instant createTime) {
}
