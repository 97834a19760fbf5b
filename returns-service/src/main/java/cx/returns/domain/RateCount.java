package cx.returns.domain;

/**
 * One counter of the return-rate rollups: an amount of a measure in one cell of the cohort's
 * day. A null dimension is the total over it: channel and category null is the whole day,
 * category null is a whole channel, reason null is a cell over all reasons.
 */
public record RateCount(Channel channel, String productCategory, ReturnReason reason, RateMeasure measure,
    long amount) {
}
