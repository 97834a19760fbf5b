package cx.feedback.domain;

import java.time.Instant;

/**
 * Where a page of a list ends: the sort time and id of its last item. The next page starts
 * strictly after it in the list's order, so items written meanwhile never shift a page.
 */
public record PagePosition(Instant time, String id) {
}
