package cx.profile.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A customer id resolved to the profile that answers for it today.
 *
 * @param id the profile's own id: the survivor when a merged id was asked for
 * @param state the profile's state (never {@link CustomerState#MERGED})
 * @param mergedIds every id merged into the profile
 */
public record ResolvedCustomer(String id, CustomerState state, List<String> mergedIds) {

  public ResolvedCustomer {
    mergedIds = List.copyOf(mergedIds);
  }

  /** The profile's id and every id merged into it: the ids its history is kept under. */
  public List<String> allIds() {
    List<String> all = new ArrayList<>();
    all.add(id);
    all.addAll(mergedIds);
    return all;
  }

  /** Whether records kept under this id belong to the profile. */
  public boolean answersFor(String customerId) {
    return id.equals(customerId) || mergedIds.contains(customerId);
  }

  /** The profile's resource name. */
  public String name() {
    return "customers/" + id;
  }
}
