package cx.returns.domain;

import java.util.Optional;

/** The erasures done, by privacy request, and the pseudonymising writes they need. */
public interface PrivacyStore {

  Optional<ErasureRecord> find(String privacyRequest);

  /** Keeps the record unless one for its request exists already. */
  void saveIfAbsent(ErasureRecord record);

  /** Makes the order name {@code pseudonym} instead of its customer; idempotent. */
  void pseudonymiseOrder(String orderId, String pseudonym);
}
