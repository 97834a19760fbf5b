package cx.returns.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import cx.returns.domain.Actor;
import cx.returns.domain.ActorType;
import cx.returns.domain.Channel;
import cx.returns.domain.DecisionOutcome;
import cx.returns.domain.ExchangeItem;
import cx.returns.domain.ItemCondition;
import cx.returns.domain.LinkedCase;
import cx.returns.domain.LinkedCaseKind;
import cx.returns.domain.PolicyReason;
import cx.returns.domain.PolicyReasonCode;
import cx.returns.domain.ProductReturn;
import cx.returns.domain.Resolution;
import cx.returns.domain.ReturnDecision;
import cx.returns.domain.ReturnLine;
import cx.returns.domain.ReturnReason;
import cx.returns.domain.ReturnState;
import cx.returns.domain.ReturnStore;
import cx.returns.domain.Settlement;
import cx.returns.domain.Shipment;
import cx.returns.domain.StatusChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Returns in MongoDB: one document per return in {@code returns}, keyed by its id, holding its
 * lines, decision and full status history. Every change replaces the document on the condition
 * that its version is still the one the change was computed from.
 */
public final class MongoReturnStore implements ReturnStore {

  private final MongoCollection<Document> returns;

  public MongoReturnStore(MongoDatabase database) {
    this.returns = database.getCollection("returns");
    returns.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("createTime"),
        Indexes.descending("_id")), new IndexOptions().name("by_customer_newest_first"));
    returns.createIndex(Indexes.compoundIndex(Indexes.ascending("state"), Indexes.descending("createTime")),
        new IndexOptions().name("by_state_newest_first"));
    returns.createIndex(Indexes.ascending("state", "labelExpireTime"), new IndexOptions().name("by_state_label_expiry"));
    returns.createIndex(Indexes.ascending("orderId"), new IndexOptions().name("by_order"));
  }

  @Override
  public Optional<ProductReturn> find(String returnId) {
    return Optional.ofNullable(returns.find(Filters.eq("_id", returnId)).first()).map(MongoReturnStore::toReturn);
  }

  @Override
  public List<ProductReturn> findAll(Collection<String> returnIds) {
    List<ProductReturn> found = new ArrayList<>();
    returns.find(Filters.in("_id", returnIds)).forEach(d -> found.add(toReturn(d)));
    return found;
  }

  @Override
  public void insertIfAbsent(ProductReturn productReturn) {
    try {
      returns.insertOne(toDocument(productReturn));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }

  @Override
  public boolean replace(ProductReturn next, long expectedVersion) {
    Document document = toDocument(next);
    return DocumentLocks.write("returns", next.id(), () -> returns.replaceOne(
        Filters.and(Filters.eq("_id", next.id()), Filters.eq("version", expectedVersion)), document)
        .getModifiedCount() == 1);
  }

  @Override
  public List<ProductReturn> findApprovedWithLabelExpiredBefore(Instant now, int limit) {
    List<ProductReturn> found = new ArrayList<>();
    returns.find(Filters.and(Filters.eq("state", ReturnState.APPROVED.name()),
            Filters.lt("labelExpireTime", Date.from(now))))
        .limit(limit)
        .forEach(d -> found.add(toReturn(d)));
    return found;
  }

  static Document toDocument(ProductReturn r) {
    List<Document> lines = new ArrayList<>();
    for (ReturnLine line : r.lines()) {
      lines.add(new Document("orderLineId", line.orderLineId())
          .append("sku", line.sku())
          .append("quantity", line.quantity())
          .append("reason", line.reason().name())
          .append("condition", line.condition().name())
          .append("comment", line.comment())
          .append("evidenceUris", line.evidenceUris())
          .append("productCategory", line.productCategory())
          .append("unitPrice", MoneyDocuments.toDocument(line.unitPrice()))
          .append("restockingFeeBasisPoints", line.restockingFeeBasisPoints())
          .append("restockingFeePerUnit", MoneyDocuments.toDocument(line.restockingFeePerUnit()))
          .append("restockingFee", MoneyDocuments.toDocument(line.restockingFee()))
          .append("receivedQuantity", line.receivedQuantity())
          .append("damagedQuantity", line.damagedQuantity())
          .append("acceptedQuantity", line.acceptedQuantity())
          .append("inspectedCondition", line.inspectedCondition() == null ? null : line.inspectedCondition().name()));
    }
    List<Document> history = new ArrayList<>();
    for (StatusChange change : r.statusHistory()) {
      history.add(new Document("state", change.state().name())
          .append("actor", change.actor().subject())
          .append("actorType", change.actor().type().name())
          .append("changeTime", Date.from(change.changeTime()))
          .append("customerMessage", change.customerMessage()));
    }
    List<Document> linked = new ArrayList<>();
    for (LinkedCase c : r.linkedCases()) {
      linked.add(new Document("resource", c.resource()).append("kind", c.kind().name())
          .append("linkTime", Date.from(c.linkTime())));
    }
    Shipment s = r.shipment();
    return new Document("_id", r.id())
        .append("customerId", r.customerId())
        .append("orderId", r.orderId())
        .append("lines", lines)
        .append("preferredResolution", r.preferredResolution().name())
        .append("channel", r.channel().name())
        .append("state", r.state().name())
        .append("decision", toDocument(r.decision()))
        .append("statusHistory", history)
        .append("shipment", new Document("carrier", s.carrier()).append("trackingNumber", s.trackingNumber())
            .append("labelUri", s.labelUri()).append("shipTime", date(s.shipTime())))
        .append("labelExpireTime", date(r.labelExpireTime()))
        .append("partialReceipt", r.partialReceipt())
        .append("settlement", r.settlement() == null ? null : toDocument(r.settlement()))
        .append("linkedCases", linked)
        .append("version", r.version())
        .append("createTime", Date.from(r.createTime()))
        .append("updateTime", Date.from(r.updateTime()));
  }

  private static Document toDocument(ReturnDecision decision) {
    List<Document> reasons = new ArrayList<>();
    for (PolicyReason reason : decision.reasons()) {
      reasons.add(new Document("code", reason.code().name()).append("message", reason.message())
          .append("orderLineId", reason.orderLineId()));
    }
    return new Document("outcome", decision.outcome().name())
        .append("reasons", reasons)
        .append("estimatedRefund", MoneyDocuments.toDocument(decision.estimatedRefund()))
        .append("estimatedRestockingFee", MoneyDocuments.toDocument(decision.estimatedRestockingFee()))
        .append("windowEndTime", Date.from(decision.windowEndTime()))
        .append("policyVersion", decision.policyVersion())
        .append("decideTime", Date.from(decision.decideTime()));
  }

  static ProductReturn toReturn(Document d) {
    List<ReturnLine> lines = new ArrayList<>();
    for (Document l : d.getList("lines", Document.class)) {
      String inspected = l.getString("inspectedCondition");
      lines.add(new ReturnLine(l.getString("orderLineId"), l.getString("sku"), l.getInteger("quantity"),
          ReturnReason.valueOf(l.getString("reason")), ItemCondition.valueOf(l.getString("condition")),
          l.getString("comment"), l.getList("evidenceUris", String.class, List.of()), l.getString("productCategory"),
          MoneyDocuments.toMoney(l.get("unitPrice", Document.class)), l.getInteger("restockingFeeBasisPoints"),
          MoneyDocuments.toMoney(l.get("restockingFeePerUnit", Document.class)),
          MoneyDocuments.toMoney(l.get("restockingFee", Document.class)), l.getInteger("receivedQuantity"),
          l.getInteger("damagedQuantity"), l.getInteger("acceptedQuantity"),
          inspected == null ? null : ItemCondition.valueOf(inspected)));
    }
    List<StatusChange> history = new ArrayList<>();
    for (Document h : d.getList("statusHistory", Document.class)) {
      history.add(new StatusChange(ReturnState.valueOf(h.getString("state")),
          new Actor(h.getString("actor"), ActorType.valueOf(h.getString("actorType"))),
          h.getDate("changeTime").toInstant(), h.getString("customerMessage")));
    }
    List<LinkedCase> linked = new ArrayList<>();
    for (Document c : d.getList("linkedCases", Document.class, List.of())) {
      linked.add(new LinkedCase(c.getString("resource"), LinkedCaseKind.valueOf(c.getString("kind")),
          c.getDate("linkTime").toInstant()));
    }
    Document s = d.get("shipment", Document.class);
    return new ProductReturn(d.getString("_id"), d.getString("customerId"), d.getString("orderId"), lines,
        Resolution.valueOf(d.getString("preferredResolution")), Channel.valueOf(d.getString("channel")),
        ReturnState.valueOf(d.getString("state")), toDecision(d.get("decision", Document.class)), history,
        new Shipment(s.getString("carrier"), s.getString("trackingNumber"), s.getString("labelUri"),
            instant(s.getDate("shipTime"))),
        instant(d.getDate("labelExpireTime")), d.getBoolean("partialReceipt", false),
        toSettlement(d.get("settlement", Document.class)), linked,
        d.get("version", Number.class).longValue(), d.getDate("createTime").toInstant(),
        d.getDate("updateTime").toInstant());
  }

  private static Document toDocument(Settlement settlement) {
    List<Document> items = new ArrayList<>();
    for (ExchangeItem item : settlement.exchangeItems()) {
      items.add(new Document("sku", item.sku()).append("quantity", item.quantity()));
    }
    return new Document("resolution", settlement.resolution().name())
        .append("amount", MoneyDocuments.toDocument(settlement.amount()))
        .append("restockingFee", MoneyDocuments.toDocument(settlement.restockingFee()))
        .append("reference", settlement.reference())
        .append("exchangeItems", items)
        .append("settleTime", Date.from(settlement.settleTime()));
  }

  private static Settlement toSettlement(Document d) {
    if (d == null) {
      return null;
    }
    List<ExchangeItem> items = new ArrayList<>();
    for (Document item : d.getList("exchangeItems", Document.class, List.of())) {
      items.add(new ExchangeItem(item.getString("sku"), item.getInteger("quantity")));
    }
    return new Settlement(Resolution.valueOf(d.getString("resolution")),
        MoneyDocuments.toMoney(d.get("amount", Document.class)),
        MoneyDocuments.toMoney(d.get("restockingFee", Document.class)), d.getString("reference"), items,
        d.getDate("settleTime").toInstant());
  }

  private static ReturnDecision toDecision(Document d) {
    List<PolicyReason> reasons = new ArrayList<>();
    for (Document r : d.getList("reasons", Document.class)) {
      reasons.add(new PolicyReason(PolicyReasonCode.valueOf(r.getString("code")), r.getString("message"),
          r.getString("orderLineId")));
    }
    return new ReturnDecision(DecisionOutcome.valueOf(d.getString("outcome")), reasons,
        MoneyDocuments.toMoney(d.get("estimatedRefund", Document.class)),
        MoneyDocuments.toMoney(d.get("estimatedRestockingFee", Document.class)),
        d.getDate("windowEndTime").toInstant(), d.get("policyVersion", Number.class).longValue(),
        d.getDate("decideTime").toInstant());
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
