package cx.feedback.store;

import static cx.feedback.store.DocumentFields.date;
import static cx.feedback.store.DocumentFields.instant;
import static cx.feedback.store.DocumentFields.number;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import cx.feedback.domain.Channel;
import cx.feedback.domain.ListFilters;
import cx.feedback.domain.PagePosition;
import cx.feedback.domain.FollowUp;
import cx.feedback.domain.FollowUpOutcome;
import cx.feedback.domain.FollowUpState;
import cx.feedback.domain.FollowUpStore;
import cx.feedback.domain.FollowUpTrigger;
import cx.feedback.domain.SurveyType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Follow-up cases in MongoDB: {@code follow_ups}, one document per case keyed by the id derived
 * from its response's id, so a response can never open two.
 */
public final class MongoFollowUpStore implements FollowUpStore {

  private final MongoCollection<Document> followUps;

  public MongoFollowUpStore(MongoDatabase database) {
    this.followUps = database.getCollection("follow_ups");
    followUps.createIndex(Indexes.compoundIndex(Indexes.ascending("state"), Indexes.ascending("createTime")),
        new IndexOptions().name("work_queue"));
    followUps.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("createTime")),
        new IndexOptions().name("by_customer_newest_first"));
  }

  @Override
  public Optional<FollowUp> findFollowUp(String id) {
    return Optional.ofNullable(followUps.find(Filters.eq("_id", id)).first()).map(MongoFollowUpStore::toFollowUp);
  }

  @Override
  public List<FollowUp> list(ListFilters.FollowUps f, PagePosition after, int limit) {
    List<Bson> conditions = new ArrayList<>();
    if (!f.customerId().isEmpty()) {
      conditions.add(Filters.eq("customerId", f.customerId()));
    }
    KeysetPages.addIn(conditions, "state", f.states());
    KeysetPages.addIn(conditions, "trigger", f.triggers());
    KeysetPages.addIn(conditions, "channel", f.channels());
    if (f.startTime() != null) {
      conditions.add(Filters.gte("createTime", date(f.startTime())));
    }
    if (f.endTime() != null) {
      conditions.add(Filters.lt("createTime", date(f.endTime())));
    }
    return KeysetPages.page(followUps, conditions, "createTime", !f.oldestFirst(), after, limit,
        MongoFollowUpStore::toFollowUp);
  }

  @Override
  public void pseudonymise(String id, String pseudonym) {
    followUps.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("customerId", pseudonym),
        Updates.set("closeNote", "")));
  }

  @Override
  public List<FollowUp> findFollowUps(Collection<String> ids) {
    return followUps.find(Filters.in("_id", List.copyOf(ids))).map(MongoFollowUpStore::toFollowUp)
        .into(new ArrayList<>());
  }

  @Override
  public void insertFollowUpIfAbsent(FollowUp followUp) {
    DocumentFields.insertIfAbsent(followUps, toDocument(followUp));
  }

  @Override
  public void insertFollowUpsIfAbsent(List<FollowUp> cases) {
    DocumentFields.insertAllIfAbsent(followUps, cases.stream().map(MongoFollowUpStore::toDocument).toList());
  }

  @Override
  public boolean replaceFollowUp(FollowUp followUp, long expectedVersion) {
    return followUps.replaceOne(Filters.and(Filters.eq("_id", followUp.id()), Filters.eq("version", expectedVersion)),
        toDocument(followUp)).getModifiedCount() == 1;
  }

  static Document toDocument(FollowUp f) {
    return new Document("_id", f.id())
        .append("customerId", f.customerId())
        .append("responseId", f.responseId())
        .append("surveyId", f.surveyId())
        .append("surveyType", f.surveyType().name())
        .append("score", f.score())
        .append("channel", f.channel().name())
        .append("trigger", f.trigger().name())
        .append("state", f.state().name())
        .append("outcome", f.outcome() == null ? null : f.outcome().name())
        .append("closeNote", f.closeNote())
        .append("complaintId", f.complaintId())
        .append("closedBy", DocumentFields.actor(f.closedBy()))
        .append("closeTime", date(f.closeTime()))
        .append("version", f.version())
        .append("createTime", date(f.createTime()))
        .append("updateTime", date(f.updateTime()));
  }

  static FollowUp toFollowUp(Document d) {
    String outcome = d.getString("outcome");
    return new FollowUp(d.getString("_id"), d.getString("customerId"), d.getString("responseId"),
        d.getString("surveyId"), SurveyType.valueOf(d.getString("surveyType")), d.getInteger("score"),
        Channel.valueOf(d.getString("channel")), FollowUpTrigger.valueOf(d.getString("trigger")),
        FollowUpState.valueOf(d.getString("state")), outcome == null ? null : FollowUpOutcome.valueOf(outcome),
        d.getString("closeNote"), d.getString("complaintId"), DocumentFields.actor(d.get("closedBy", Document.class)),
        instant(d, "closeTime"), number(d, "version"), instant(d, "createTime"), instant(d, "updateTime"));
  }
}
