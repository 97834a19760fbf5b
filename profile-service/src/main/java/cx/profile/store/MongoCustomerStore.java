package cx.profile.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import cx.profile.domain.Attributes;
import cx.profile.domain.Customer;
import cx.profile.domain.CustomerState;
import cx.profile.domain.CustomerStore;
import cx.profile.domain.Identity;
import cx.profile.domain.IdentityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Customer profiles in MongoDB.
 *
 * <p>{@code customers} holds one document per profile, keyed by its id. {@code identity_claims}
 * holds one document per identity, keyed by the identity's key, naming the customer that holds
 * it: the {@code _id} makes ownership unique even under concurrent writers, and looking a
 * customer up by any identifier is one read by key.
 */
public final class MongoCustomerStore implements CustomerStore {

  private final MongoCollection<Document> customers;
  private final MongoCollection<Document> claims;

  public MongoCustomerStore(MongoDatabase database) {
    this.customers = database.getCollection("customers");
    this.claims = database.getCollection("identity_claims");
    customers.createIndex(Indexes.ascending("displayNameLower"), new IndexOptions().name("by_display_name"));
    claims.createIndex(Indexes.ascending("customerId"), new IndexOptions().name("by_customer"));
  }

  @Override
  public Optional<Customer> find(String id) {
    return Optional.ofNullable(customers.find(Filters.eq("_id", id)).first()).map(MongoCustomerStore::toCustomer);
  }

  @Override
  public void insertIfAbsent(Customer customer) {
    try {
      customers.insertOne(toDocument(customer));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }

  @Override
  public Optional<String> claimIdentity(String key, String customerId, Instant now) {
    try {
      claims.insertOne(new Document("_id", key).append("customerId", customerId).append("claimTime", Date.from(now)));
      return Optional.empty();
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    Optional<String> holder = identityHolder(key);
    if (holder.isEmpty()) {
      // Released between our insert and this read: try once more.
      return claimIdentity(key, customerId, now);
    }
    return holder.get().equals(customerId) ? Optional.empty() : holder;
  }

  @Override
  public boolean replace(Customer replacement, long expectedVersion) {
    return customers.replaceOne(
        Filters.and(Filters.eq("_id", replacement.id()), Filters.eq("version", expectedVersion)),
        toDocument(replacement)).getModifiedCount() == 1;
  }

  @Override
  public void setPendingMerge(String customerId, String mergeId) {
    customers.updateOne(Filters.eq("_id", customerId), Updates.set("pendingMerge", mergeId));
  }

  @Override
  public boolean moveIdentity(String key, String from, String to, Instant now) {
    if (from.equals(to)) {
      return identityHolder(key).map(to::equals).orElse(false);
    }
    return claims.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("customerId", from)),
        Updates.combine(Updates.set("customerId", to), Updates.set("claimTime", Date.from(now))))
        .getModifiedCount() == 1;
  }

  @Override
  public List<Customer> searchByNamePrefix(String lowerCasePrefix, String afterName, String afterId, int limit) {
    // A prefix range on the lower-cased name: no regular expression is ever built from input.
    Bson inPrefix = Filters.and(Filters.gte("displayNameLower", lowerCasePrefix),
        Filters.lt("displayNameLower", lowerCasePrefix + Character.MAX_VALUE));
    Bson afterPosition = afterId.isEmpty() ? new Document()
        : Filters.or(Filters.gt("displayNameLower", afterName),
            Filters.and(Filters.eq("displayNameLower", afterName), Filters.gt("_id", afterId)));
    List<Customer> found = new ArrayList<>();
    customers.find(Filters.and(inPrefix, afterPosition, Filters.eq("state", CustomerState.ACTIVE.name())))
        .sort(Sorts.ascending("displayNameLower", "_id"))
        .limit(limit)
        .forEach(d -> found.add(toCustomer(d)));
    return found;
  }

  @Override
  public void releaseIdentity(String key, String customerId) {
    claims.deleteOne(Filters.and(Filters.eq("_id", key), Filters.eq("customerId", customerId)));
  }

  @Override
  public Optional<String> identityHolder(String key) {
    return Optional.ofNullable(claims.find(Filters.eq("_id", key)).first()).map(d -> d.getString("customerId"));
  }

  @Override
  public Optional<Instant> identityClaimTime(String key) {
    return Optional.ofNullable(claims.find(Filters.eq("_id", key)).first())
        .map(d -> d.getDate("claimTime").toInstant());
  }

  static Document toDocument(Customer customer) {
    List<Document> identities = new ArrayList<>();
    for (Identity identity : customer.identities()) {
      identities.add(new Document("type", identity.type().name())
          .append("value", identity.value())
          .append("network", identity.network())
          .append("system", identity.system())
          .append("verified", identity.verified())
          .append("firstSeenChannel", identity.firstSeenChannel())
          .append("createTime", Date.from(identity.createTime())));
    }
    Attributes attributes = customer.attributes();
    // Trait keys are user data: they are stored as a list of pairs, never as document keys.
    List<Document> traits = new ArrayList<>();
    attributes.traits().forEach((k, v) -> traits.add(new Document("key", k).append("value", v)));
    return new Document("_id", customer.id())
        .append("displayName", customer.displayName())
        .append("displayNameLower", customer.displayName().toLowerCase(Locale.ROOT))
        .append("givenName", customer.givenName())
        .append("familyName", customer.familyName())
        .append("attributes", new Document("locale", attributes.locale())
            .append("timeZone", attributes.timeZone())
            .append("loyaltyTier", attributes.loyaltyTier())
            .append("traits", traits))
        .append("identities", identities)
        .append("state", customer.state().name())
        .append("mergedInto", customer.mergedInto())
        .append("mergedIds", customer.mergedIds())
        .append("pendingMerge", customer.pendingMerge())
        .append("attributeTimes", attributeTimes(customer))
        .append("createTime", Date.from(customer.createTime()))
        .append("updateTime", Date.from(customer.updateTime()))
        .append("version", customer.version());
  }

  private static List<Document> attributeTimes(Customer customer) {
    List<Document> times = new ArrayList<>();
    customer.attributeTimes().forEach((path, time) -> times.add(new Document("path", path).append("time", Date.from(time))));
    return times;
  }

  static Customer toCustomer(Document d) {
    List<Identity> identities = new ArrayList<>();
    for (Document i : d.getList("identities", Document.class, List.of())) {
      identities.add(new Identity(IdentityType.valueOf(i.getString("type")), i.getString("value"),
          i.getString("network"), i.getString("system"), i.getBoolean("verified", false),
          i.getString("firstSeenChannel"), i.getDate("createTime").toInstant()));
    }
    Document a = d.get("attributes", Document.class);
    Map<String, String> traits = new LinkedHashMap<>();
    for (Document t : a.getList("traits", Document.class, List.of())) {
      traits.put(t.getString("key"), t.getString("value"));
    }
    Map<String, Instant> times = new LinkedHashMap<>();
    for (Document t : d.getList("attributeTimes", Document.class, List.of())) {
      times.put(t.getString("path"), t.getDate("time").toInstant());
    }
    return new Customer(d.getString("_id"), d.getString("displayName"), d.getString("givenName"),
        d.getString("familyName"),
        new Attributes(a.getString("locale"), a.getString("timeZone"), a.getString("loyaltyTier"), traits),
        times, identities, CustomerState.valueOf(d.getString("state")), d.getString("mergedInto"),
        d.getList("mergedIds", String.class, List.of()), d.get("pendingMerge", ""),
        d.getDate("createTime").toInstant(), d.getDate("updateTime").toInstant(),
        d.get("version", Number.class).longValue());
  }
}
