package cx.profile.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import cx.profile.domain.CustomerErasure;
import cx.profile.domain.PersonalDataPart;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Erasure receipts in MongoDB, keyed by privacy request: the first one kept wins. */
public final class MongoErasureReceipts implements CustomerErasure.ReceiptStore {

  private final MongoCollection<Document> receipts;

  public MongoErasureReceipts(MongoDatabase database) {
    this.receipts = database.getCollection("erasure_receipts");
  }

  @Override
  public Optional<CustomerErasure.Receipt> find(String privacyRequest) {
    Document d = receipts.find(Filters.eq("_id", privacyRequest)).first();
    if (d == null) {
      return Optional.empty();
    }
    List<PersonalDataPart.Disposition> dispositions = new ArrayList<>();
    for (Document line : d.getList("dispositions", Document.class, List.of())) {
      dispositions.add(new PersonalDataPart.Disposition(line.getString("recordType"), line.getString("action"),
          line.get("count", Number.class).longValue(), line.getString("description")));
    }
    return Optional.of(new CustomerErasure.Receipt(dispositions, d.getDate("completeTime").toInstant()));
  }

  @Override
  public void keep(String privacyRequest, CustomerErasure.Receipt receipt) {
    List<Document> lines = new ArrayList<>();
    for (PersonalDataPart.Disposition d : receipt.dispositions()) {
      lines.add(new Document("recordType", d.recordType()).append("action", d.action()).append("count", d.count())
          .append("description", d.description()));
    }
    try {
      receipts.insertOne(new Document("_id", privacyRequest).append("dispositions", lines)
          .append("completeTime", Date.from(receipt.completeTime())));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }
}
