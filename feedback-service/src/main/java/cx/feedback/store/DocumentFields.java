package cx.feedback.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import cx.feedback.domain.Actor;
import cx.feedback.domain.ActorRole;
import cx.feedback.domain.LinkedRecord;
import cx.feedback.domain.LinkedRecordKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** How the values the feedback documents share are written and read. */
final class DocumentFields {

  private DocumentFields() {
  }

  /** Inserts a document unless one with its {@code _id} exists; true if this call stored it. */
  static boolean insertIfAbsent(MongoCollection<Document> collection, Document document) {
    try {
      collection.insertOne(document);
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      return false;
    }
  }

  static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  static Instant instant(Document d, String field) {
    Date date = d.getDate(field);
    return date == null ? null : date.toInstant();
  }

  static long number(Document d, String field) {
    return d.get(field, Number.class).longValue();
  }

  static Document linkedRecord(LinkedRecord record) {
    return record == null ? null : new Document("kind", record.kind().name()).append("id", record.id());
  }

  static LinkedRecord linkedRecord(Document d) {
    return d == null ? null : new LinkedRecord(LinkedRecordKind.valueOf(d.getString("kind")), d.getString("id"));
  }

  static List<Document> linkedRecords(List<LinkedRecord> records) {
    return records.stream().map(DocumentFields::linkedRecord).toList();
  }

  static List<LinkedRecord> linkedRecords(Document d, String field) {
    List<LinkedRecord> records = new ArrayList<>();
    for (Document record : d.getList(field, Document.class, List.of())) {
      records.add(linkedRecord(record));
    }
    return records;
  }

  static Document actor(Actor actor) {
    return actor == null ? null : new Document("role", actor.role().name()).append("subject", actor.subject());
  }

  static Actor actor(Document d) {
    return d == null ? null : new Actor(ActorRole.valueOf(d.getString("role")), d.getString("subject"));
  }
}
