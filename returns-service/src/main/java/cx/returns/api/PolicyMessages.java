package cx.returns.api;

import com.google.protobuf.Duration;
import cx.returns.domain.Channel;
import cx.returns.domain.ItemCondition;
import cx.returns.domain.PolicyRevision;
import cx.returns.domain.RestockingFeeRule;
import cx.returns.domain.ReturnPolicy;
import cx.returns.domain.ReturnReason;
import cx.returns.domain.WindowRule;
import cx.returns.v1.ReturnWindowRule;
import cx.returns.v1.UpdateReturnPolicyRequest;
import cx.runtime.failure.InvalidArgumentException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Maps the return policy to its message, and an update request to a change of exactly the
 * fields its {@code update_mask} names; version, update time and author are never read from it.
 */
final class PolicyMessages {

  static final String NAME = "returnPolicy";

  private static final Set<String> UPDATABLE = Set.of("default_window", "window_rules", "non_returnable_categories",
      "restocking_fee_rules", "auto_approval_limits", "evidence_required_reasons", "label_validity");
  private static final int MAX_RULES = 200;

  private PolicyMessages() {
  }

  static cx.returns.v1.ReturnPolicy toMessage(PolicyRevision revision) {
    ReturnPolicy p = revision.policy();
    cx.returns.v1.ReturnPolicy.Builder message = cx.returns.v1.ReturnPolicy.newBuilder()
        .setName(NAME)
        .setDefaultWindow(duration(p.defaultWindow()))
        .setLabelValidity(duration(p.labelValidity()))
        .addAllNonReturnableCategories(p.nonReturnableCategories().stream().sorted().toList())
        .setVersion(p.version())
        .setUpdatedBy(revision.updatedBy());
    for (WindowRule rule : p.windowRules()) {
      ReturnWindowRule.Builder r = ReturnWindowRule.newBuilder().setProductCategory(rule.productCategory())
          .setWindow(duration(rule.window()));
      if (rule.channel() != null) {
        r.setChannel(ProtoValues.channel(rule.channel()));
      }
      message.addWindowRules(r);
    }
    new TreeMap<>(p.autoApprovalLimits()).forEach((currency, limit) -> message.addAutoApprovalLimits(
        ProtoValues.money(new cx.returns.domain.Money(currency, limit))));
    p.evidenceRequiredReasons().stream().sorted().forEach(reason ->
        message.addEvidenceRequiredReasons(cx.returns.v1.ReturnReason.valueOf("RETURN_REASON_" + reason.name())));
    for (RestockingFeeRule rule : p.restockingFeeRules()) {
      cx.returns.v1.RestockingFeeRule.Builder r = cx.returns.v1.RestockingFeeRule.newBuilder()
          .addAllProductCategories(rule.productCategories().stream().sorted().toList())
          .setFeeBasisPoints(rule.feeBasisPoints());
      rule.channels().stream().sorted().forEach(c -> r.addChannels(ProtoValues.channel(c)));
      rule.reasons().stream().sorted().forEach(reason ->
          r.addReasons(cx.returns.v1.ReturnReason.valueOf("RETURN_REASON_" + reason.name())));
      rule.conditions().stream().sorted().forEach(c ->
          r.addConditions(cx.returns.v1.ItemCondition.valueOf("ITEM_CONDITION_" + c.name())));
      new TreeMap<>(rule.feePerUnit()).forEach((currency, fee) ->
          r.addFeePerUnit(ProtoValues.money(new cx.returns.domain.Money(currency, fee))));
      message.addRestockingFeeRules(r);
    }
    if (revision.updateTime() != null) {
      message.setUpdateTime(ProtoValues.timestamp(revision.updateTime()));
    }
    return message.build();
  }

  /** The change an update request asks for: the masked fields taken from its policy. */
  static UnaryOperator<ReturnPolicy> toChange(UpdateReturnPolicyRequest request) {
    if (!request.getReturnPolicy().getName().isEmpty() && !request.getReturnPolicy().getName().equals(NAME)) {
      throw InvalidArgumentException.of("return_policy.name", "must be " + NAME);
    }
    if (!request.hasUpdateMask() || request.getUpdateMask().getPathsCount() == 0) {
      throw InvalidArgumentException.of("update_mask", "must name the fields to change");
    }
    Set<String> paths = new HashSet<>();
    List<String> requested = request.getUpdateMask().getPathsList();
    if (requested.equals(List.of("*"))) {
      // The contract's "every writable field": still never the name, version, update time or author.
      paths.addAll(UPDATABLE);
    }
    for (String path : paths.isEmpty() ? requested : List.<String>of()) {
      if (!UPDATABLE.contains(path)) {
        throw InvalidArgumentException.of("update_mask", "names " + path + ", which cannot be changed");
      }
      paths.add(path);
    }
    cx.returns.v1.ReturnPolicy given = request.getReturnPolicy();
    if (given.getWindowRulesCount() > MAX_RULES || given.getRestockingFeeRulesCount() > MAX_RULES
        || given.getNonReturnableCategoriesCount() > MAX_RULES) {
      throw InvalidArgumentException.of("return_policy", "holds more than " + MAX_RULES + " rules or categories");
    }
    java.time.Duration defaultWindow = duration(given.getDefaultWindow(), "return_policy.default_window");
    java.time.Duration labelValidity = duration(given.getLabelValidity(), "return_policy.label_validity");
    List<WindowRule> windowRules = windowRules(given);
    Set<String> nonReturnable = new HashSet<>();
    given.getNonReturnableCategoriesList().forEach(c -> nonReturnable.add(c.strip().toLowerCase(Locale.ROOT)));
    Map<String, Long> limits = amounts(given.getAutoApprovalLimitsList(), "return_policy.auto_approval_limits");
    Set<ReturnReason> evidence = new HashSet<>();
    for (int i = 0; i < given.getEvidenceRequiredReasonsCount(); i++) {
      evidence.add(required(ProtoValues.fromProto(given.getEvidenceRequiredReasons(i), "RETURN_REASON_",
          ReturnReason.class, "return_policy.evidence_required_reasons[" + i + "]"),
          "return_policy.evidence_required_reasons[" + i + "]"));
    }
    List<RestockingFeeRule> feeRules = feeRules(given);
    return current -> new ReturnPolicy(
        paths.contains("default_window") ? defaultWindow : current.defaultWindow(),
        paths.contains("window_rules") ? windowRules : current.windowRules(),
        paths.contains("non_returnable_categories") ? nonReturnable : current.nonReturnableCategories(),
        paths.contains("auto_approval_limits") ? limits : current.autoApprovalLimits(),
        paths.contains("evidence_required_reasons") ? evidence : current.evidenceRequiredReasons(),
        paths.contains("restocking_fee_rules") ? feeRules : current.restockingFeeRules(),
        paths.contains("label_validity") ? labelValidity : current.labelValidity(),
        current.version());
  }

  private static List<WindowRule> windowRules(cx.returns.v1.ReturnPolicy given) {
    List<WindowRule> rules = new ArrayList<>();
    for (int i = 0; i < given.getWindowRulesCount(); i++) {
      ReturnWindowRule rule = given.getWindowRules(i);
      String field = "return_policy.window_rules[" + i + "]";
      rules.add(new WindowRule(rule.getProductCategory().strip().toLowerCase(Locale.ROOT),
          ProtoValues.channel(rule.getChannel(), field + ".channel"), duration(rule.getWindow(), field + ".window")));
    }
    return rules;
  }

  private static List<RestockingFeeRule> feeRules(cx.returns.v1.ReturnPolicy given) {
    List<RestockingFeeRule> rules = new ArrayList<>();
    for (int i = 0; i < given.getRestockingFeeRulesCount(); i++) {
      cx.returns.v1.RestockingFeeRule rule = given.getRestockingFeeRules(i);
      String field = "return_policy.restocking_fee_rules[" + i + "]";
      if (rule.getFeeBasisPoints() < 0 || rule.getFeeBasisPoints() > RestockingFeeRule.MAX_BASIS_POINTS) {
        throw InvalidArgumentException.of(field + ".fee_basis_points", "must be 0 to 10000");
      }
      Set<Channel> channels = new HashSet<>();
      for (int j = 0; j < rule.getChannelsCount(); j++) {
        channels.add(required(ProtoValues.channel(rule.getChannels(j), field + ".channels[" + j + "]"),
            field + ".channels[" + j + "]"));
      }
      Set<ReturnReason> reasons = new HashSet<>();
      for (int j = 0; j < rule.getReasonsCount(); j++) {
        reasons.add(required(ProtoValues.fromProto(rule.getReasons(j), "RETURN_REASON_", ReturnReason.class,
            field + ".reasons[" + j + "]"), field + ".reasons[" + j + "]"));
      }
      Set<ItemCondition> conditions = new HashSet<>();
      for (int j = 0; j < rule.getConditionsCount(); j++) {
        conditions.add(required(ProtoValues.fromProto(rule.getConditions(j), "ITEM_CONDITION_", ItemCondition.class,
            field + ".conditions[" + j + "]"), field + ".conditions[" + j + "]"));
      }
      Set<String> categories = new HashSet<>();
      rule.getProductCategoriesList().forEach(c -> categories.add(c.strip().toLowerCase(Locale.ROOT)));
      rules.add(new RestockingFeeRule(categories, channels, reasons, conditions, rule.getFeeBasisPoints(),
          amounts(rule.getFeePerUnitList(), field + ".fee_per_unit")));
    }
    return rules;
  }

  private static Map<String, Long> amounts(List<cx.common.v1.Money> given, String field) {
    Map<String, Long> amounts = new HashMap<>();
    for (int i = 0; i < given.size(); i++) {
      cx.common.v1.Money money = given.get(i);
      if (!money.getCurrencyCode().matches("[A-Z]{3}") || money.getMinorUnits() < 0
          || amounts.putIfAbsent(money.getCurrencyCode(), money.getMinorUnits()) != null) {
        throw InvalidArgumentException.of(field + "[" + i + "]",
            "must be an amount of 0 or more in an ISO 4217 currency not named before");
      }
    }
    return amounts;
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw InvalidArgumentException.of(field, "is required");
    }
    return value;
  }

  private static java.time.Duration duration(Duration duration, String field) {
    if (duration.getSeconds() < 0 || duration.getNanos() < 0 || duration.getSeconds() > 400L * 365 * 86_400) {
      throw InvalidArgumentException.of(field, "is not a valid duration");
    }
    return java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
  }

  private static Duration duration(java.time.Duration duration) {
    return Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
  }
}
