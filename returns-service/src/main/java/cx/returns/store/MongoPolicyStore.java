package cx.returns.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import cx.returns.domain.Channel;
import cx.returns.domain.ItemCondition;
import cx.returns.domain.PolicyRevision;
import cx.returns.domain.PolicyStore;
import cx.returns.domain.RestockingFeeRule;
import cx.returns.domain.ReturnPolicy;
import cx.returns.domain.ReturnReason;
import cx.returns.domain.WindowRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * The return policy in {@code return_policy}: one document, {@code _id} {@code current}, replaced
 * as a whole on the condition that its version is still the one the change was made from.
 */
public final class MongoPolicyStore implements PolicyStore {

  private static final String ID = "current";

  private final MongoCollection<Document> policies;

  public MongoPolicyStore(MongoDatabase database) {
    this.policies = database.getCollection("return_policy");
  }

  @Override
  public Optional<PolicyRevision> find() {
    return Optional.ofNullable(policies.find(Filters.eq("_id", ID)).first()).map(MongoPolicyStore::toRevision);
  }

  @Override
  public boolean replace(PolicyRevision next, long expectedVersion) {
    return DocumentLocks.write("return_policy", ID, () -> replaceLocked(toDocument(next), expectedVersion));
  }

  private boolean replaceLocked(Document document, long expectedVersion) {
    try {
      if (policies.replaceOne(Filters.and(Filters.eq("_id", ID), Filters.eq("version", expectedVersion)), document)
          .getModifiedCount() == 1) {
        return true;
      }
      if (expectedVersion != 0) {
        return false;
      }
      policies.insertOne(document);
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  private static Document toDocument(PolicyRevision revision) {
    ReturnPolicy p = revision.policy();
    List<Document> windowRules = new ArrayList<>();
    for (WindowRule rule : p.windowRules()) {
      windowRules.add(new Document("productCategory", rule.productCategory())
          .append("channel", rule.channel() == null ? null : rule.channel().name())
          .append("windowMillis", rule.window().toMillis()));
    }
    List<Document> feeRules = new ArrayList<>();
    for (RestockingFeeRule rule : p.restockingFeeRules()) {
      feeRules.add(new Document("productCategories", List.copyOf(rule.productCategories()))
          .append("channels", names(rule.channels()))
          .append("reasons", names(rule.reasons()))
          .append("conditions", names(rule.conditions()))
          .append("feeBasisPoints", rule.feeBasisPoints())
          .append("feePerUnit", new Document(new HashMap<>(rule.feePerUnit()))));
    }
    return new Document("_id", ID)
        .append("defaultWindowMillis", p.defaultWindow().toMillis())
        .append("windowRules", windowRules)
        .append("nonReturnableCategories", List.copyOf(p.nonReturnableCategories()))
        .append("autoApprovalLimits", new Document(new HashMap<>(p.autoApprovalLimits())))
        .append("evidenceRequiredReasons", names(p.evidenceRequiredReasons()))
        .append("restockingFeeRules", feeRules)
        .append("labelValidityMillis", p.labelValidity().toMillis())
        .append("version", p.version())
        .append("updateTime", Date.from(revision.updateTime()))
        .append("updatedBy", revision.updatedBy());
  }

  private static PolicyRevision toRevision(Document d) {
    List<WindowRule> windowRules = new ArrayList<>();
    for (Document rule : d.getList("windowRules", Document.class, List.of())) {
      String channel = rule.getString("channel");
      windowRules.add(new WindowRule(rule.getString("productCategory"), channel == null ? null : Channel.valueOf(channel),
          Duration.ofMillis(rule.get("windowMillis", Number.class).longValue())));
    }
    List<RestockingFeeRule> feeRules = new ArrayList<>();
    for (Document rule : d.getList("restockingFeeRules", Document.class, List.of())) {
      feeRules.add(new RestockingFeeRule(Set.copyOf(rule.getList("productCategories", String.class)),
          rule.getList("channels", String.class).stream().map(Channel::valueOf).collect(Collectors.toSet()),
          rule.getList("reasons", String.class).stream().map(ReturnReason::valueOf).collect(Collectors.toSet()),
          rule.getList("conditions", String.class).stream().map(ItemCondition::valueOf).collect(Collectors.toSet()),
          rule.getInteger("feeBasisPoints"), amounts(rule.get("feePerUnit", Document.class))));
    }
    ReturnPolicy policy = new ReturnPolicy(Duration.ofMillis(d.get("defaultWindowMillis", Number.class).longValue()),
        windowRules, Set.copyOf(d.getList("nonReturnableCategories", String.class)),
        amounts(d.get("autoApprovalLimits", Document.class)),
        d.getList("evidenceRequiredReasons", String.class).stream().map(ReturnReason::valueOf)
            .collect(Collectors.toSet()),
        feeRules, Duration.ofMillis(d.get("labelValidityMillis", Number.class).longValue()),
        d.get("version", Number.class).longValue());
    return new PolicyRevision(policy, d.getDate("updateTime").toInstant(), d.getString("updatedBy"));
  }

  private static List<String> names(Set<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).sorted().toList();
  }

  private static Map<String, Long> amounts(Document d) {
    Map<String, Long> amounts = new HashMap<>();
    if (d != null) {
      d.forEach((currency, amount) -> amounts.put(currency, ((Number) amount).longValue()));
    }
    return amounts;
  }
}
