package cx.profile.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What merging one profile into another yields, worked out without changing anything: the
 * survivor gains the merged profile's identities (an identity both hold stays once, verified
 * if either had it verified), every id merged into either, and, attribute by attribute, the
 * value that was set more recently (the survivor's on a tie).
 *
 * @param identities the survivor's identities after the merge
 * @param movedIdentities the merged profile's identities the survivor did not hold
 * @param mergedIds the survivor's merged-id set after the merge
 * @param movedIds the ids that join the survivor: the merged profile's and those merged into it
 * @param attributes the survivor's attributes after the merge
 * @param attributeTimes when each of those attributes was set
 * @param resolutions how each attribute both profiles had was settled
 */
public record MergePlan(List<Identity> identities, List<Identity> movedIdentities, List<String> mergedIds,
    List<String> movedIds, Attributes attributes, Map<String, Instant> attributeTimes,
    List<AttributeResolution> resolutions) {

  /** How one attribute was settled. */
  public record AttributeResolution(String path, boolean mergedWins, String survivorValue, String mergedValue,
      Instant survivorTime, Instant mergedTime) {
  }

  private static final List<String> PATHS = List.of("attributes.locale", "attributes.time_zone",
      "attributes.loyalty_tier", "attributes.traits");

  /** The plan for merging {@code merged} into {@code survivor}, as they are now. */
  public static MergePlan of(Customer survivor, Customer merged) {
    List<Identity> identities = new ArrayList<>(survivor.identities());
    List<Identity> moved = new ArrayList<>();
    for (Identity identity : merged.identities()) {
      var held = survivor.identity(identity.key());
      if (held.isEmpty()) {
        identities.add(identity);
        moved.add(identity);
      } else if (identity.verified() && !held.get().verified()) {
        Identity h = held.get();
        identities.set(identities.indexOf(h),
            new Identity(h.type(), h.value(), h.network(), h.system(), true, h.firstSeenChannel(), h.createTime()));
      }
    }
    List<String> movedIds = new ArrayList<>(merged.allIds());
    List<String> mergedIds = new ArrayList<>(survivor.mergedIds());
    movedIds.stream().filter(id -> !mergedIds.contains(id) && !id.equals(survivor.id())).forEach(mergedIds::add);

    Map<String, String> survivorValues = values(survivor.attributes());
    Map<String, String> mergedValues = values(merged.attributes());
    Map<String, String> result = new HashMap<>(survivorValues);
    Map<String, Instant> times = new HashMap<>(survivor.attributeTimes());
    List<AttributeResolution> resolutions = new ArrayList<>();
    Map<String, String> traits = survivor.attributes().traits();
    for (String path : PATHS) {
      String mine = survivorValues.get(path);
      String theirs = mergedValues.get(path);
      if (theirs.isEmpty()) {
        continue;
      }
      Instant myTime = survivor.attributeTimes().getOrDefault(path, Instant.EPOCH);
      Instant theirTime = merged.attributeTimes().getOrDefault(path, Instant.EPOCH);
      boolean mergedWins = mine.isEmpty() || theirTime.isAfter(myTime);
      if (!mine.isEmpty() || !theirs.isEmpty()) {
        resolutions.add(new AttributeResolution(path, mergedWins, mine, theirs, myTime, theirTime));
      }
      if (mergedWins) {
        result.put(path, theirs);
        times.put(path, theirTime);
        if (path.equals("attributes.traits")) {
          traits = merged.attributes().traits();
        }
      }
    }
    Attributes attributes = new Attributes(result.get("attributes.locale"), result.get("attributes.time_zone"),
        result.get("attributes.loyalty_tier"), traits);
    return new MergePlan(identities, moved, mergedIds, movedIds, attributes, times, resolutions);
  }

  private static Map<String, String> values(Attributes a) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("attributes.locale", a.locale());
    values.put("attributes.time_zone", a.timeZone());
    values.put("attributes.loyalty_tier", a.loyaltyTier());
    values.put("attributes.traits", a.traits().isEmpty() ? "" : new TreeMap<>(a.traits()).toString());
    return values;
  }

  /** Identity types whose count would pass the cap after the merge. */
  public List<IdentityType> typesOverCap(IdentityRules rules) {
    List<IdentityType> over = new ArrayList<>();
    for (IdentityType type : IdentityType.values()) {
      if (identities.stream().filter(i -> i.type() == type).count() > rules.cap(type)) {
        over.add(type);
      }
    }
    return over;
  }
}
