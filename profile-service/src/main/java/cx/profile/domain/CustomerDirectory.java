package cx.profile.domain;

import cx.runtime.failure.NotFoundException;

/**
 * Resolves customer ids for the records kept about a profile (consents, interactions, audit):
 * a merged id resolves to its survivor, so that records keyed by an old id are never orphaned.
 */
@FunctionalInterface
public interface CustomerDirectory {

  /**
   * The profile that answers for this id.
   *
   * @throws NotFoundException if no profile has ever had this id
   */
  ResolvedCustomer resolve(String customerId);

  /** The directory over the customer registry, which follows merged ids to their survivor. */
  static CustomerDirectory over(CustomerRegistry registry) {
    return customerId -> {
      Customer customer = registry.get(customerId).customer();
      if (customer.state() == CustomerState.MERGED) {
        throw new NotFoundException("customers/" + customerId);
      }
      return new ResolvedCustomer(customer.id(), customer.state(), customer.mergedIds());
    };
  }
}
