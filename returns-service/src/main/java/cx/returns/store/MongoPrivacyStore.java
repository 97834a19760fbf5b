package cx.returns.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import cx.returns.domain.ErasureRecord;
import cx.returns.domain.PrivacyStore;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/** Erasures in {@code privacy_erasures}, keyed by privacy request; orders are pseudonymised in place. */
public final class MongoPrivacyStore implements PrivacyStore {

  private final MongoCollection<Document> erasures;
  private final MongoCollection<Document> orders;

  public MongoPrivacyStore(MongoDatabase database) {
    this.erasures = database.getCollection("privacy_erasures");
    this.orders = database.getCollection("orders");
  }

  @Override
  public Optional<ErasureRecord> find(String privacyRequest) {
    Document d = erasures.find(Filters.eq("_id", privacyRequest)).first();
    return d == null ? Optional.empty() : Optional.of(new ErasureRecord(privacyRequest,
        d.get("ordersPseudonymised", Number.class).longValue(), d.get("returnsPseudonymised", Number.class).longValue(),
        d.getDate("completeTime").toInstant()));
  }

  @Override
  public void saveIfAbsent(ErasureRecord record) {
    try {
      erasures.insertOne(new Document("_id", record.privacyRequest())
          .append("ordersPseudonymised", record.ordersPseudonymised())
          .append("returnsPseudonymised", record.returnsPseudonymised())
          .append("completeTime", Date.from(record.completeTime())));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }

  @Override
  public void pseudonymiseOrder(String orderId, String pseudonym) {
    orders.updateOne(Filters.eq("_id", orderId), Updates.set("customerId", pseudonym));
  }
}
