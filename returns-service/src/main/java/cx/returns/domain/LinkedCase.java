package cx.returns.domain;

import java.time.Instant;

/**
 * A link from a return to the complaint or survey response it belongs with.
 *
 * @param resource the linked resource's name in feedback-service
 */
public record LinkedCase(String resource, LinkedCaseKind kind, Instant linkTime) {
}
