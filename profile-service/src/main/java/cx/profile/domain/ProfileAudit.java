package cx.profile.domain;

import java.util.Map;

/** Where merges and identity changes leave their audit entries: who, when, why, which rule. */
public interface ProfileAudit {

  /** Records one audited action on a customer. */
  void record(String customerId, String action, String actor, String reason, String rule, Map<String, String> details);
}
