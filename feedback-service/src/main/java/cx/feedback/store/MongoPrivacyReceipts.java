package cx.feedback.store;

import static cx.feedback.store.DocumentFields.date;
import static cx.feedback.store.DocumentFields.instant;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import cx.feedback.domain.PrivacyReceipts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Erasure receipts in MongoDB: {@code privacy_receipts}, one document per privacy request id. */
public final class MongoPrivacyReceipts implements PrivacyReceipts {

  private final MongoCollection<Document> receipts;

  public MongoPrivacyReceipts(MongoDatabase database) {
    this.receipts = database.getCollection("privacy_receipts");
  }

  @Override
  public Optional<Receipt> find(String privacyRequestId) {
    return Optional.ofNullable(receipts.find(Filters.eq("_id", privacyRequestId)).first())
        .map(MongoPrivacyReceipts::toReceipt);
  }

  @Override
  public Receipt startIfAbsent(Receipt receipt) {
    List<Document> lines = new ArrayList<>();
    for (Line line : receipt.lines()) {
      lines.add(new Document("recordType", line.recordType()).append("disposition", line.disposition().name())
          .append("count", line.count()).append("description", line.description()));
    }
    DocumentFields.insertIfAbsent(receipts, new Document("_id", receipt.privacyRequestId()).append("lines", lines)
        .append("completeTime", null));
    return find(receipt.privacyRequestId()).orElseThrow(() -> new IllegalStateException("a stored receipt vanished"));
  }

  @Override
  public void complete(String privacyRequestId, Instant time) {
    receipts.updateOne(Filters.and(Filters.eq("_id", privacyRequestId), Filters.eq("completeTime", null)),
        Updates.set("completeTime", date(time)));
  }

  private static Receipt toReceipt(Document d) {
    List<Line> lines = new ArrayList<>();
    for (Document line : d.getList("lines", Document.class, List.of())) {
      lines.add(new Line(line.getString("recordType"), Disposition.valueOf(line.getString("disposition")),
          line.get("count", Number.class).longValue(), line.getString("description")));
    }
    return new Receipt(d.getString("_id"), lines, instant(d, "completeTime"));
  }
}
