package cx.returns.domain;

/** The channel a purchase was made on, or a return was requested through. */
public enum Channel {
  WEB, MOBILE_APP, STORE, CALL_CENTER, CHAT, EMAIL, SMS, SOCIAL, MARKETPLACE;

  /** Whether goods can be bought on this channel; only these may be an order's channel. */
  public boolean isPurchaseChannel() {
    return this == WEB || this == MOBILE_APP || this == STORE || this == CALL_CENTER || this == MARKETPLACE;
  }
}
