package cx.profile.domain;

import java.time.Instant;
import java.util.List;

/**
 * The unified profile of one customer.
 *
 * @param id the server-generated id; the resource name is {@code customers/{id}}
 * @param mergedInto the survivor's id when {@link CustomerState#MERGED}, otherwise empty
 * @param mergedIds every id merged into this profile, so that records other services keep under
 *     an old id still belong to the customer
 * @param version increases with every change; an update naming an older version is refused
 */
public record Customer(String id, String displayName, String givenName, String familyName, Attributes attributes,
    List<Identity> identities, CustomerState state, String mergedInto, List<String> mergedIds,
    Instant createTime, Instant updateTime, long version) {

  public Customer {
    identities = List.copyOf(identities);
    mergedIds = List.copyOf(mergedIds);
  }

  /** The customer's resource name. */
  public String name() {
    return "customers/" + id;
  }
}
