package cx.returns.domain;

/** What a customer's commerce summary counts. */
public enum SummaryMeasure {
  ORDERS, UNITS_SOLD, UNITS_RETURNED, GROSS_SPEND, REFUNDED
}
