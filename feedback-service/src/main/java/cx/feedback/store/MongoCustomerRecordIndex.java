package cx.feedback.store;

import static cx.feedback.store.DocumentFields.date;
import static cx.feedback.store.DocumentFields.instant;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import cx.feedback.domain.CustomerRecordIndex;
import cx.feedback.domain.SurveyType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The customers' reference lists in MongoDB: {@code customer_records}, one document per customer
 * id, with {@code responses} (id, survey type, score, respond time), {@code complaintIds} and
 * {@code followUpIds}, each appended with {@code $addToSet} so that a repeat adds nothing.
 */
public final class MongoCustomerRecordIndex implements CustomerRecordIndex {

  private final MongoCollection<Document> customers;

  public MongoCustomerRecordIndex(MongoDatabase database) {
    this.customers = database.getCollection("customer_records");
  }

  @Override
  public void addResponse(ResponseEntry entry) {
    add(entry.customerId(), "responses", toDocument(entry));
  }

  @Override
  public void addComplaint(String customerId, String complaintId) {
    add(customerId, "complaintIds", complaintId);
  }

  @Override
  public void addFollowUp(String customerId, String followUpId) {
    add(customerId, "followUpIds", followUpId);
  }

  /** One bulk write of one update per customer, whatever the number of entries. */
  @Override
  public void addAll(List<ResponseEntry> responses, List<FollowUpEntry> followUps) {
    Map<String, List<Document>> responsesOf = new LinkedHashMap<>();
    responses.forEach(e -> responsesOf.computeIfAbsent(e.customerId(), c -> new ArrayList<>()).add(toDocument(e)));
    Map<String, List<String>> followUpsOf = new LinkedHashMap<>();
    followUps.forEach(f -> followUpsOf.computeIfAbsent(f.customerId(), c -> new ArrayList<>()).add(f.followUpId()));
    Set<String> customerIds = new LinkedHashSet<>(responsesOf.keySet());
    customerIds.addAll(followUpsOf.keySet());
    List<UpdateOneModel<Document>> writes = new ArrayList<>();
    for (String customerId : customerIds) {
      List<Bson> adds = new ArrayList<>();
      if (responsesOf.containsKey(customerId)) {
        adds.add(Updates.addEachToSet("responses", responsesOf.get(customerId)));
      }
      if (followUpsOf.containsKey(customerId)) {
        adds.add(Updates.addEachToSet("followUpIds", followUpsOf.get(customerId)));
      }
      writes.add(new UpdateOneModel<>(Filters.eq("_id", customerId), Updates.combine(adds),
          new UpdateOptions().upsert(true)));
    }
    if (writes.isEmpty()) {
      return;
    }
    try {
      customers.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      // Customers whose first list another writer created meanwhile: their adds find it now.
      List<UpdateOneModel<Document>> again = new ArrayList<>();
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        again.add(writes.get(error.getIndex()));
      }
      customers.bulkWrite(again, new BulkWriteOptions().ordered(false));
    }
  }

  private static Document toDocument(ResponseEntry entry) {
    return new Document("id", entry.responseId())
        .append("surveyType", entry.surveyType().name())
        .append("score", entry.score())
        .append("respondTime", date(entry.respondTime()));
  }

  private void add(String customerId, String list, Object entry) {
    customers.updateOne(Filters.eq("_id", customerId), Updates.addToSet(list, entry), new UpdateOptions().upsert(true));
  }

  @Override
  public List<CustomerRecords> find(Collection<String> customerIds) {
    List<CustomerRecords> found = new ArrayList<>();
    for (Document d : customers.find(Filters.in("_id", List.copyOf(customerIds)))) {
      List<ResponseEntry> responses = new ArrayList<>();
      for (Document r : d.getList("responses", Document.class, List.of())) {
        responses.add(new ResponseEntry(d.getString("_id"), r.getString("id"), SurveyType.valueOf(r.getString("surveyType")),
            r.getInteger("score"), instant(r, "respondTime")));
      }
      found.add(new CustomerRecords(d.getString("_id"), responses, d.getList("complaintIds", String.class, List.of()),
          d.getList("followUpIds", String.class, List.of())));
    }
    return found;
  }

  @Override
  public void forget(String customerId) {
    customers.deleteOne(Filters.eq("_id", customerId));
  }
}
