package cx.returns.domain;

import java.time.Instant;

/**
 * A version of the return policy and who made it.
 *
 * @param updateTime null for the configured initial policy
 * @param updatedBy the subject of the administrator; empty for the initial policy
 */
public record PolicyRevision(ReturnPolicy policy, Instant updateTime, String updatedBy) {
}
