package cx.returns.domain;

/**
 * One counter of a customer's commerce summary.
 *
 * @param currencyCode the currency of a money measure; null for counts of orders and units
 */
public record SummaryCount(SummaryMeasure measure, String currencyCode, long amount) {
}
