package cx.feedback.store;

import static cx.feedback.store.DocumentFields.date;
import static cx.feedback.store.DocumentFields.instant;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import cx.feedback.domain.CustomerRecordIndex;
import cx.feedback.domain.SurveyType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;

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
    add(entry.customerId(), "responses", new Document("id", entry.responseId())
        .append("surveyType", entry.surveyType().name())
        .append("score", entry.score())
        .append("respondTime", date(entry.respondTime())));
  }

  @Override
  public void addComplaint(String customerId, String complaintId) {
    add(customerId, "complaintIds", complaintId);
  }

  @Override
  public void addFollowUp(String customerId, String followUpId) {
    add(customerId, "followUpIds", followUpId);
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
