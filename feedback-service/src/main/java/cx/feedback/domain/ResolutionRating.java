package cx.feedback.domain;

import java.time.Instant;

/** The customer's 0-10 rating of how their complaint was resolved. */
public record ResolutionRating(int score, String comment, Instant rateTime) {
}
