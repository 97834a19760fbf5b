package cx.returns.domain;

/** How a return is settled. */
public enum Resolution {
  REFUND, EXCHANGE, STORE_CREDIT
}
