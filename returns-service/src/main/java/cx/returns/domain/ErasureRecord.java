package cx.returns.domain;

import java.time.Instant;

/**
 * What an erasure did, kept under its privacy request so that repeating the request answers the
 * same.
 *
 * @param ordersPseudonymised orders kept for accounting, no longer naming the customer
 * @param returnsPseudonymised returns kept for accounting, stripped of the customer's words,
 *     photos and shipping details
 */
public record ErasureRecord(String privacyRequest, long ordersPseudonymised, long returnsPseudonymised,
    Instant completeTime) {
}
