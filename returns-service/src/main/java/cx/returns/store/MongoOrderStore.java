package cx.returns.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import cx.returns.domain.Channel;
import cx.returns.domain.Money;
import cx.returns.domain.Order;
import cx.returns.domain.OrderLine;
import cx.returns.domain.OrderStore;
import cx.returns.domain.ReturnClaim;
import cx.returns.domain.ReturnClaims;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Orders in MongoDB: one document per order in {@code orders}, keyed by the commerce system's
 * order id, with the claims of its returns inside it so that checking and claiming returnable
 * units is one conditional update of one document.
 */
public final class MongoOrderStore implements OrderStore {

  private final MongoCollection<Document> orders;

  public MongoOrderStore(MongoDatabase database) {
    this.orders = database.getCollection("orders");
    orders.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("orderTime"),
        Indexes.descending("_id")), new IndexOptions().name("by_customer_newest_first"));
    orders.createIndex(Indexes.ascending("orderTime"), new IndexOptions().name("by_order_time"));
  }

  @Override
  public Optional<Order> find(String orderId) {
    return Optional.ofNullable(orders.find(Filters.eq("_id", orderId)).first()).map(MongoOrderStore::toOrder);
  }

  @Override
  public List<Order> findAll(Collection<String> orderIds) {
    List<Order> found = new ArrayList<>();
    orders.find(Filters.in("_id", orderIds)).forEach(d -> found.add(toOrder(d)));
    return found;
  }

  @Override
  public boolean insertIfAbsent(Order order) {
    try {
      orders.insertOne(toDocument(order));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      return false;
    }
  }

  @Override
  public boolean replaceClaims(String orderId, long expectedVersion, ReturnClaims claims) {
    return DocumentLocks.write("orders", orderId, () -> orders.updateOne(
        Filters.and(Filters.eq("_id", orderId), Filters.eq("claimsVersion", expectedVersion)),
        Updates.combine(
            Updates.set("claimsVersion", claims.version()),
            Updates.set("claims", claimDocuments(claims.active())),
            Updates.set("releasedReturnIds", claims.releasedReturnIds())))
        .getModifiedCount() == 1);
  }

  static Document toDocument(Order order) {
    List<Document> lines = new ArrayList<>();
    for (OrderLine line : order.lines()) {
      lines.add(new Document("lineId", line.lineId())
          .append("sku", line.sku())
          .append("productCategory", line.productCategory())
          .append("quantity", line.quantity())
          .append("unitPrice", MoneyDocuments.toDocument(line.unitPrice())));
    }
    return new Document("_id", order.id())
        .append("customerId", order.customerId())
        .append("channel", order.channel().name())
        .append("orderTime", Date.from(order.orderTime()))
        // Dates keep milliseconds; the exact instant is kept too, so a repeat compares equal.
        .append("orderTimeSeconds", order.orderTime().getEpochSecond())
        .append("orderTimeNanos", order.orderTime().getNano())
        .append("lines", lines)
        .append("total", MoneyDocuments.toDocument(order.total()))
        .append("createTime", Date.from(order.createTime()))
        .append("claimsVersion", order.claims().version())
        .append("claims", claimDocuments(order.claims().active()))
        .append("releasedReturnIds", order.claims().releasedReturnIds());
  }

  private static List<Document> claimDocuments(List<ReturnClaim> claims) {
    List<Document> documents = new ArrayList<>();
    for (ReturnClaim claim : claims) {
      // Line ids are caller data: stored as values in a list, never as document keys.
      List<Document> lines = new ArrayList<>();
      claim.quantitiesByLine().forEach((lineId, quantity) ->
          lines.add(new Document("lineId", lineId).append("quantity", quantity)));
      documents.add(new Document("returnId", claim.returnId())
          .append("claimTime", Date.from(claim.claimTime()))
          .append("lines", lines));
    }
    return documents;
  }

  static Order toOrder(Document d) {
    List<OrderLine> lines = new ArrayList<>();
    for (Document line : d.getList("lines", Document.class)) {
      lines.add(new OrderLine(line.getString("lineId"), line.getString("sku"), line.getString("productCategory"),
          line.getInteger("quantity"), MoneyDocuments.toMoney(line.get("unitPrice", Document.class))));
    }
    List<ReturnClaim> claims = new ArrayList<>();
    for (Document claim : d.getList("claims", Document.class, List.of())) {
      Map<String, Integer> quantities = new HashMap<>();
      for (Document line : claim.getList("lines", Document.class)) {
        quantities.put(line.getString("lineId"), line.getInteger("quantity"));
      }
      claims.add(new ReturnClaim(claim.getString("returnId"), claim.getDate("claimTime").toInstant(), quantities));
    }
    Instant orderTime = Instant.ofEpochSecond(d.get("orderTimeSeconds", Number.class).longValue(),
        d.get("orderTimeNanos", Number.class).intValue());
    return new Order(d.getString("_id"), d.getString("customerId"), Channel.valueOf(d.getString("channel")),
        orderTime, lines, d.getDate("createTime").toInstant(),
        new ReturnClaims(d.get("claimsVersion", Number.class).longValue(), claims,
            d.getList("releasedReturnIds", String.class, List.of())));
  }
}
