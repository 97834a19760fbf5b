package cx.returns.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import cx.returns.domain.CustomerSummaries;
import cx.returns.domain.CustomerSummaryCounts;
import cx.returns.domain.SummaryCount;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * One summary document per customer in {@code customer_summaries}, keyed by the customer id:
 * counters, spend and refunds by currency, first and last order time, the ids of the returns
 * in progress (a reference list), and the ids of the events counted; and every customer's
 * return ids in one reference list ({@link EveryReturnList}).
 */
public final class MongoCustomerSummaries implements CustomerSummaries {

  private final MongoCollection<Document> summaries;
  private final EveryReturnList everyReturn;

  public MongoCustomerSummaries(MongoDatabase database) {
    this.summaries = database.getCollection("customer_summaries");
    this.everyReturn = new EveryReturnList(database);
  }

  @Override
  public void count(String customerId, Map<String, List<SummaryCount>> countsByEvent, Instant orderTime) {
    Map<String, Map<String, Long>> increments = new LinkedHashMap<>();
    countsByEvent.forEach((eventId, counts) -> {
      Map<String, Long> paths = new LinkedHashMap<>();
      counts.forEach(c -> paths.merge(path(c), c.amount(), Long::sum));
      increments.put(eventId, paths);
    });
    CountedOnce.count(summaries, customerId, increments, orderTime == null ? null
        : Updates.combine(Updates.min("firstOrderTime", Date.from(orderTime)),
            Updates.max("lastOrderTime", Date.from(orderTime))));
  }

  @Override
  public void listOrder(String customerId, String orderId) {
    summaries.updateOne(Filters.eq("_id", customerId), Updates.addToSet("orderIds", orderId),
        new UpdateOptions().upsert(true));
  }

  @Override
  public void trackReturn(String customerId, String returnId, boolean inProgress) {
    summaries.updateOne(Filters.eq("_id", customerId), Updates.combine(Updates.addToSet("returnIds", returnId),
        inProgress ? Updates.addToSet("returnsInProgress", returnId) : Updates.pull("returnsInProgress", returnId)),
        new UpdateOptions().upsert(true));
    everyReturn.add(returnId);
  }

  @Override
  public List<String> everyReturnId() {
    return everyReturn.ids();
  }

  @Override
  public void forget(String customerId) {
    summaries.deleteOne(Filters.eq("_id", customerId));
  }

  @Override
  public List<String> orderIds(String customerId) {
    return ids(customerId, "orderIds");
  }

  @Override
  public List<String> returnIds(String customerId) {
    return ids(customerId, "returnIds");
  }

  private List<String> ids(String customerId, String field) {
    Document d = summaries.find(Filters.eq("_id", customerId)).projection(Projections.include(field)).first();
    return d == null ? List.of() : d.getList(field, String.class, List.of());
  }

  @Override
  public Optional<CustomerSummaryCounts> find(String customerId) {
    Document d = summaries.find(Filters.eq("_id", customerId)).first();
    if (d == null) {
      return Optional.empty();
    }
    Document counts = d.get("counts", Document.class);
    return Optional.of(new CustomerSummaryCounts(customerId, number(counts, "ORDERS"), number(counts, "UNITS_SOLD"),
        number(counts, "UNITS_RETURNED"), amounts(counts, "GROSS_SPEND"), amounts(counts, "REFUNDED"),
        instant(d.getDate("firstOrderTime")), instant(d.getDate("lastOrderTime")),
        d.getList("returnsInProgress", String.class, List.of())));
  }

  private static String path(SummaryCount count) {
    return "counts." + count.measure().name() + (count.currencyCode() == null ? "" : "." + count.currencyCode());
  }

  private static long number(Document counts, String measure) {
    Object value = counts == null ? null : counts.get(measure);
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static Map<String, Long> amounts(Document counts, String measure) {
    Map<String, Long> byCurrency = new HashMap<>();
    Document amounts = counts == null ? null : counts.get(measure, Document.class);
    if (amounts != null) {
      amounts.forEach((currency, amount) -> byCurrency.put(currency, ((Number) amount).longValue()));
    }
    return byCurrency;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
