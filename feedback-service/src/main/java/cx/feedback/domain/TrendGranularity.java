package cx.feedback.domain;

/** The size of the buckets of a score trend: UTC calendar periods. */
public enum TrendGranularity {
  /** No trend, totals only. */
  NONE,
  DAY,
  /** ISO weeks, Monday to Sunday. */
  WEEK,
  MONTH
}
