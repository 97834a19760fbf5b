package cx.returns.api;

import cx.returns.domain.Channel;
import cx.returns.domain.ItemCondition;
import cx.returns.domain.RestockingFeeRule;
import cx.returns.domain.ReturnPolicy;
import cx.returns.domain.ReturnReason;
import cx.returns.domain.WindowRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The return policy as configured in {@code cx.returns.policy}. Until administrators can change
 * the policy through the API, this is the policy, at version 0.
 *
 * @param defaultWindow the return window of any category without its own
 * @param categoryWindows return windows by product category, e.g. {@code apparel: 60d}
 * @param nonReturnableCategories product categories that can never be returned
 * @param autoApprovalLimits per currency code, in minor units: returns worth less are approved
 *     at once; a currency without a limit always goes to an agent
 * @param evidenceRequiredReasons return reasons whose lines need a photo or document, e.g.
 *     {@code DAMAGED}
 * @param labelValidity how long an approved return's label stays usable
 * @param restockingFeeRules fees on returned units, the first matching rule applying to a line
 */
@ConfigurationProperties("cx.returns.policy")
record ReturnPolicySettings(Duration defaultWindow, Map<String, Duration> categoryWindows,
    List<String> nonReturnableCategories, Map<String, Long> autoApprovalLimits, List<String> evidenceRequiredReasons,
    Duration labelValidity, List<FeeRule> restockingFeeRules) {

  /**
   * One restocking fee rule; an empty list matches anything.
   *
   * @param productCategories e.g. {@code electronics}
   * @param channels e.g. {@code WEB}
   * @param reasons e.g. {@code CHANGED_MIND}
   * @param conditions the declared condition, e.g. {@code OPENED}
   * @param feeBasisPoints a share of the price in ten-thousandths, 0 to 10000
   * @param feePerUnit per currency code, in minor units
   */
  record FeeRule(List<String> productCategories, List<String> channels, List<String> reasons,
      List<String> conditions, int feeBasisPoints, Map<String, Long> feePerUnit) {

    RestockingFeeRule toRule(int index) {
      String setting = "cx.returns.policy.restocking-fee-rules[" + index + "]";
      if (feeBasisPoints < 0 || feeBasisPoints > RestockingFeeRule.MAX_BASIS_POINTS) {
        throw new IllegalStateException(setting + ".fee-basis-points must be 0 to 10000");
      }
      Map<String, Long> perUnit = new TreeMap<>();
      (feePerUnit == null ? Map.<String, Long>of() : feePerUnit).forEach((currency, fee) -> {
        if (!currency.matches("[A-Za-z]{3}") || fee == null || fee < 0) {
          throw new IllegalStateException(setting + ".fee-per-unit." + currency
              + " must be a currency code mapped to 0 or more minor units");
        }
        perUnit.put(currency.toUpperCase(Locale.ROOT), fee);
      });
      return new RestockingFeeRule(
          names(productCategories).map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
          names(channels).map(c -> Channel.valueOf(c.toUpperCase(Locale.ROOT))).collect(Collectors.toSet()),
          names(reasons).map(r -> ReturnReason.valueOf(r.toUpperCase(Locale.ROOT))).collect(Collectors.toSet()),
          names(conditions).map(c -> ItemCondition.valueOf(c.toUpperCase(Locale.ROOT))).collect(Collectors.toSet()),
          feeBasisPoints, perUnit);
    }

    private static Stream<String> names(List<String> values) {
      return (values == null ? List.<String>of() : values).stream().map(String::strip).filter(v -> !v.isEmpty());
    }
  }

  private static final Duration LONGEST_WINDOW = Duration.ofDays(3650);

  ReturnPolicySettings {
    defaultWindow = defaultWindow == null ? Duration.ofDays(30) : defaultWindow;
    categoryWindows = categoryWindows == null ? Map.of() : categoryWindows;
    nonReturnableCategories = nonReturnableCategories == null ? List.of() : nonReturnableCategories;
    autoApprovalLimits = autoApprovalLimits == null ? Map.of() : autoApprovalLimits;
    evidenceRequiredReasons = evidenceRequiredReasons == null ? List.of("DAMAGED") : evidenceRequiredReasons;
    labelValidity = labelValidity == null ? Duration.ofDays(14) : labelValidity;
    restockingFeeRules = restockingFeeRules == null ? List.of() : restockingFeeRules;
  }

  /** The policy these settings describe; a setting out of range stops the service at start-up. */
  ReturnPolicy toPolicy() {
    checkWindow("default-window", defaultWindow);
    List<WindowRule> rules = new ArrayList<>();
    new TreeMap<>(categoryWindows).forEach((category, window) -> {
      checkWindow("category-windows." + category, window);
      rules.add(new WindowRule(category.toLowerCase(Locale.ROOT), null, window));
    });
    Map<String, Long> limits = new TreeMap<>();
    autoApprovalLimits.forEach((currency, limit) -> {
      if (!currency.matches("[A-Za-z]{3}") || limit == null || limit < 0) {
        throw new IllegalStateException("cx.returns.policy.auto-approval-limits." + currency
            + " must be a currency code mapped to 0 or more minor units");
      }
      limits.put(currency.toUpperCase(Locale.ROOT), limit);
    });
    if (labelValidity.compareTo(Duration.ofDays(1)) < 0 || labelValidity.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalStateException("cx.returns.policy.label-validity must be 1 to 365 days");
    }
    Set<ReturnReason> evidence = evidenceRequiredReasons.stream()
        .map(reason -> ReturnReason.valueOf(reason.strip().toUpperCase(Locale.ROOT)))
        .collect(Collectors.toSet());
    Set<String> nonReturnable = nonReturnableCategories.stream()
        .map(category -> category.strip().toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
    List<RestockingFeeRule> feeRules = new ArrayList<>();
    for (int i = 0; i < restockingFeeRules.size(); i++) {
      feeRules.add(restockingFeeRules.get(i).toRule(i));
    }
    return new ReturnPolicy(defaultWindow, rules, nonReturnable, limits, evidence, feeRules, labelValidity, 0);
  }

  private static void checkWindow(String setting, Duration window) {
    if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
      throw new IllegalStateException("cx.returns.policy." + setting + " must be 1 second to 3650 days");
    }
  }
}
