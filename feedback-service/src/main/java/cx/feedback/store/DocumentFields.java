package cx.feedback.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import cx.feedback.domain.Actor;
import cx.feedback.domain.ActorRole;
import cx.feedback.domain.LinkedRecord;
import cx.feedback.domain.LinkedRecordKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Date;
import java.util.List;
import java.util.Set;
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

  /** Inserts every document whose {@code _id} is not taken; the ids this call stored. */
  static Set<Object> insertAllIfAbsent(MongoCollection<Document> collection, List<Document> documents) {
    Set<Object> stored = new HashSet<>();
    documents.forEach(d -> stored.add(d.get("_id")));
    if (documents.isEmpty()) {
      return stored;
    }
    try {
      collection.insertMany(documents, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        stored.remove(documents.get(error.getIndex()).get("_id"));
      }
    }
    return stored;
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
