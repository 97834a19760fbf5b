package cx.profile.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The unified profile of one customer.
 *
 * @param id the server-generated id; the resource name is {@code customers/{id}}
 * @param attributeTimes when each attribute path (e.g. {@code attributes.locale}) was last set,
 *     so that a merge keeps the most recent value
 * @param mergedInto the survivor's id when {@link CustomerState#MERGED}, otherwise empty
 * @param mergedIds every id merged into this profile, so that records other services keep under
 *     an old id still belong to the customer
 * @param pendingMerge the id of a merge or unmerge that touches this profile and has not
 *     finished, or empty; whoever reads the profile next finishes it first
 * @param version increases with every change; an update naming an older version is refused
 */
public record Customer(String id, String displayName, String givenName, String familyName, Attributes attributes,
    Map<String, Instant> attributeTimes, List<Identity> identities, CustomerState state, String mergedInto,
    List<String> mergedIds, String pendingMerge, Instant createTime, Instant updateTime, long version) {

  public Customer {
    attributeTimes = Map.copyOf(attributeTimes);
    identities = List.copyOf(identities);
    mergedIds = List.copyOf(mergedIds);
  }

  /** The customer's resource name. */
  public String name() {
    return "customers/" + id;
  }

  /** The identity with this key, if the customer holds it. */
  public Optional<Identity> identity(String key) {
    return identities.stream().filter(i -> i.key().equals(key)).findFirst();
  }

  /** How many identities of a type the customer holds. */
  public long count(IdentityType type) {
    return identities.stream().filter(i -> i.type() == type).count();
  }

  /** This customer with other identities, one version on, changed at {@code now}. */
  public Customer withIdentities(List<Identity> newIdentities, Instant now) {
    return new Customer(id, displayName, givenName, familyName, attributes, attributeTimes, newIdentities, state,
        mergedInto, mergedIds, pendingMerge, createTime, now, version + 1);
  }

  /** This customer with other names and attributes, one version on, changed at {@code now}. */
  public Customer withDetails(String newDisplayName, String newGivenName, String newFamilyName,
      Attributes newAttributes, Map<String, Instant> newAttributeTimes, Instant now) {
    return new Customer(id, newDisplayName, newGivenName, newFamilyName, newAttributes, newAttributeTimes, identities,
        state, mergedInto, mergedIds, pendingMerge, createTime, now, version + 1);
  }

  /** Every id this profile answers for: its own and those merged into it. */
  public List<String> allIds() {
    return Stream.concat(Stream.of(id), mergedIds.stream()).toList();
  }
}
