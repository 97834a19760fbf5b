package cx.returns.domain;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The return policy in force: the configured initial policy (version 0) until an administrator
 * changes it, then the stored one. Returns keep the version they were decided with.
 */
public final class ReturnPolicies {

  private static final Duration LONGEST_WINDOW = Duration.ofDays(3_650);

  private final PolicyStore store;
  private final ReturnPolicy initial;
  private final Clock clock;

  public ReturnPolicies(PolicyStore store, ReturnPolicy initial, Clock clock) {
    this.store = store;
    this.initial = initial;
    this.clock = clock;
  }

  /** The policy in force, read by key. */
  public PolicyRevision current() {
    return store.find().orElse(new PolicyRevision(initial, null, ""));
  }

  /**
   * Changes the policy. {@code change} applies the fields the caller's update mask names to the
   * current policy; the result is checked whole and stored as the next version.
   *
   * @param expectedVersion the version the caller read, or 0 not to check (the initial policy's
   *     version is 0 too, so a first change is checked only by the write itself)
   * @throws ConcurrentUpdateException when the policy is no longer at {@code expectedVersion}
   * @throws InvalidArgumentException naming every field out of range
   */
  public PolicyRevision update(UnaryOperator<ReturnPolicy> change, long expectedVersion, Actor actor) {
    PolicyRevision current = current();
    long version = current.policy().version();
    if (expectedVersion != 0 && version != expectedVersion) {
      throw new ConcurrentUpdateException("returnPolicy", version);
    }
    ReturnPolicy changed = change.apply(current.policy());
    check(changed);
    ReturnPolicy next = new ReturnPolicy(changed.defaultWindow(), changed.windowRules(),
        changed.nonReturnableCategories(), changed.autoApprovalLimits(), changed.evidenceRequiredReasons(),
        changed.restockingFeeRules(), changed.labelValidity(), version + 1);
    PolicyRevision revision = new PolicyRevision(next, clock.instant().truncatedTo(ChronoUnit.MILLIS),
        actor.subject());
    if (!store.replace(revision, version)) {
      throw new ConcurrentUpdateException("returnPolicy");
    }
    return revision;
  }

  private static void check(ReturnPolicy policy) {
    List<FieldViolation> violations = new ArrayList<>();
    checkWindow(policy.defaultWindow(), "return_policy.default_window", violations);
    for (int i = 0; i < policy.windowRules().size(); i++) {
      WindowRule rule = policy.windowRules().get(i);
      checkWindow(rule.window(), "return_policy.window_rules[" + i + "].window", violations);
      if (rule.productCategory().isEmpty() && rule.channel() == null) {
        violations.add(new FieldViolation("return_policy.window_rules[" + i + "]",
            "must name a product category, a channel or both"));
      }
    }
    if (policy.labelValidity() == null || policy.labelValidity().compareTo(Duration.ofDays(1)) < 0
        || policy.labelValidity().compareTo(Duration.ofDays(365)) > 0) {
      violations.add(new FieldViolation("return_policy.label_validity", "must be 1 to 365 days"));
    }
    policy.autoApprovalLimits().forEach((currency, limit) -> {
      if (!currency.matches("[A-Z]{3}") || limit < 0) {
        violations.add(new FieldViolation("return_policy.auto_approval_limits",
            "must be amounts of 0 or more in ISO 4217 currencies, one per currency"));
      }
    });
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
  }

  private static void checkWindow(Duration window, String field, List<FieldViolation> violations) {
    if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
      violations.add(new FieldViolation(field, "must be 1 second to 3650 days"));
    }
  }
}
