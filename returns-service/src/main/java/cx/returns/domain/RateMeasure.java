package cx.returns.domain;

/** What a return-rate counter counts. */
public enum RateMeasure {
  /** Orders placed. */
  ORDERS,
  /** Units bought. */
  UNITS_SOLD,
  /** Units customers asked to return. */
  UNITS_REQUESTED,
  /** Units that came back and were kept (received, and not refused after inspection). */
  UNITS_RETURNED,
  /** Return lines requested, one per line of a return. */
  RETURNS
}
