package cx.returns.domain;

import java.util.Map;
import java.util.Set;

/**
 * A restocking fee charged on returned units that match every non-empty condition of the rule.
 *
 * @param productCategories the categories it is for; empty for any
 * @param channels the purchase channels it is for; empty for any
 * @param reasons the return reasons it is for; empty for any
 * @param conditions the declared item conditions it is for; empty for any
 * @param feeBasisPoints a share of the unit price, in ten-thousandths (1500 = 15%)
 * @param feePerUnit a fixed amount per unit, by currency code, in minor units
 */
public record RestockingFeeRule(Set<String> productCategories, Set<Channel> channels, Set<ReturnReason> reasons,
    Set<ItemCondition> conditions, int feeBasisPoints, Map<String, Long> feePerUnit) {

  /** The largest rate a rule may charge: the whole price. */
  public static final int MAX_BASIS_POINTS = 10_000;

  public RestockingFeeRule {
    productCategories = Set.copyOf(productCategories);
    channels = Set.copyOf(channels);
    reasons = Set.copyOf(reasons);
    conditions = Set.copyOf(conditions);
    feePerUnit = Map.copyOf(feePerUnit);
    if (feeBasisPoints < 0 || feeBasisPoints > MAX_BASIS_POINTS) {
      throw new IllegalArgumentException("feeBasisPoints must be 0 to " + MAX_BASIS_POINTS);
    }
    if (feePerUnit.values().stream().anyMatch(fee -> fee < 0)) {
      throw new IllegalArgumentException("feePerUnit must not be negative");
    }
  }

  boolean matches(String category, Channel channel, ReturnReason reason, ItemCondition condition) {
    return (productCategories.isEmpty() || productCategories.contains(category))
        && (channels.isEmpty() || channels.contains(channel))
        && (reasons.isEmpty() || reasons.contains(reason))
        && (conditions.isEmpty() || conditions.contains(condition));
  }

  /** The fixed fee per unit in a currency; zero where the rule names none for it. */
  Money perUnitIn(String currencyCode) {
    return new Money(currencyCode, feePerUnit.getOrDefault(currencyCode, 0L));
  }
}
