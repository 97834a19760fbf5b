package cx.returns.domain;

import java.time.Duration;

/**
 * A return window for a product category, a purchase channel, or both.
 *
 * @param productCategory the category it is for; empty for any
 * @param channel the channel it is for; null for any
 */
public record WindowRule(String productCategory, Channel channel, Duration window) {

  boolean matches(String category, Channel orderChannel) {
    return (productCategory.isEmpty() || productCategory.equals(category))
        && (channel == null || channel == orderChannel);
  }

  /** Category and channel beat category alone, which beats channel alone. */
  int specificity() {
    return (productCategory.isEmpty() ? 0 : 2) + (channel == null ? 0 : 1);
  }
}
