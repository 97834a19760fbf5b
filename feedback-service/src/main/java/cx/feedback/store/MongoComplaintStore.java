package cx.feedback.store;

import static cx.feedback.store.DocumentFields.date;
import static cx.feedback.store.DocumentFields.instant;
import static cx.feedback.store.DocumentFields.number;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import cx.feedback.domain.Channel;
import cx.feedback.domain.ListFilters;
import cx.feedback.domain.PagePosition;
import cx.feedback.domain.Complaint;
import cx.feedback.domain.ComplaintCategory;
import cx.feedback.domain.ComplaintSeverity;
import cx.feedback.domain.ComplaintState;
import cx.feedback.domain.ComplaintStore;
import cx.feedback.domain.ComplaintUpdate;
import cx.feedback.domain.ComplaintUpdateKind;
import cx.feedback.domain.ResolutionRating;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Complaints in MongoDB: {@code complaints}, one document per complaint holding its whole
 * history, so that a move and its update record are one atomic write, made conditional on the
 * version it was computed from.
 */
public final class MongoComplaintStore implements ComplaintStore {

  private final MongoCollection<Document> complaints;

  public MongoComplaintStore(MongoDatabase database) {
    this.complaints = database.getCollection("complaints");
    complaints.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("createTime")),
        new IndexOptions().name("by_customer_newest_first"));
    complaints.createIndex(Indexes.compoundIndex(Indexes.ascending("state"), Indexes.ascending("createTime")),
        new IndexOptions().name("work_queue"));
  }

  @Override
  public Optional<Complaint> find(String id) {
    return Optional.ofNullable(complaints.find(Filters.eq("_id", id)).first()).map(MongoComplaintStore::toComplaint);
  }

  @Override
  public List<Complaint> list(ListFilters.Complaints f, PagePosition after, int limit) {
    List<Bson> conditions = new ArrayList<>();
    if (!f.customerId().isEmpty()) {
      conditions.add(Filters.eq("customerId", f.customerId()));
    }
    KeysetPages.addIn(conditions, "state", f.states());
    KeysetPages.addIn(conditions, "severity", f.severities());
    KeysetPages.addIn(conditions, "category", f.categories());
    KeysetPages.addIn(conditions, "channel", f.channels());
    if (f.startTime() != null) {
      conditions.add(Filters.gte("createTime", date(f.startTime())));
    }
    if (f.endTime() != null) {
      conditions.add(Filters.lt("createTime", date(f.endTime())));
    }
    if (f.overdueAt() != null) {
      conditions.add(Filters.in("state", List.of("OPEN", "ACKNOWLEDGED", "IN_PROGRESS")));
      conditions.add(Filters.lt("resolveByTime", date(f.overdueAt())));
    }
    return KeysetPages.page(complaints, conditions, "createTime", !f.oldestFirst(), after, limit,
        MongoComplaintStore::toComplaint);
  }

  @Override
  public void overwrite(Complaint complaint) {
    complaints.replaceOne(Filters.eq("_id", complaint.id()), toDocument(complaint));
  }

  @Override
  public List<Complaint> findAll(Collection<String> ids) {
    return complaints.find(Filters.in("_id", List.copyOf(ids))).map(MongoComplaintStore::toComplaint)
        .into(new ArrayList<>());
  }

  @Override
  public void insertIfAbsent(Complaint complaint) {
    DocumentFields.insertIfAbsent(complaints, toDocument(complaint));
  }

  @Override
  public boolean replace(Complaint complaint, long expectedVersion) {
    return complaints.replaceOne(Filters.and(Filters.eq("_id", complaint.id()), Filters.eq("version", expectedVersion)),
        toDocument(complaint)).getModifiedCount() == 1;
  }

  static Document toDocument(Complaint c) {
    List<Document> updates = new ArrayList<>();
    for (ComplaintUpdate u : c.updates()) {
      updates.add(new Document("updateId", u.updateId())
          .append("kind", u.kind().name())
          .append("previousState", u.previousState().name())
          .append("newState", u.newState().name())
          .append("actor", DocumentFields.actor(u.actor()))
          .append("note", u.note())
          .append("createTime", date(u.createTime())));
    }
    ResolutionRating rating = c.resolutionRating();
    return new Document("_id", c.id())
        .append("customerId", c.customerId())
        .append("channel", c.channel().name())
        .append("category", c.category().name())
        .append("severity", c.severity().name())
        .append("description", c.description())
        .append("relatedRecords", DocumentFields.linkedRecords(c.relatedRecords()))
        .append("state", c.state().name())
        .append("updates", updates)
        .append("filedBy", DocumentFields.actor(c.filedBy()))
        .append("resolveByTime", date(c.resolveByTime()))
        .append("firstResponseTime", date(c.firstResponseTime()))
        .append("firstResolveTime", date(c.firstResolveTime()))
        .append("lastResolveTime", date(c.lastResolveTime()))
        .append("reopenCount", c.reopenCount())
        .append("closeTime", date(c.closeTime()))
        .append("resolutionRating", rating == null ? null : new Document("score", rating.score())
            .append("comment", rating.comment()).append("rateTime", date(rating.rateTime())))
        .append("followUpId", c.followUpId())
        .append("version", c.version())
        .append("createTime", date(c.createTime()))
        .append("updateTime", date(c.updateTime()));
  }

  static Complaint toComplaint(Document d) {
    List<ComplaintUpdate> updates = new ArrayList<>();
    for (Document u : d.getList("updates", Document.class, List.of())) {
      updates.add(new ComplaintUpdate(u.getString("updateId"), ComplaintUpdateKind.valueOf(u.getString("kind")),
          ComplaintState.valueOf(u.getString("previousState")), ComplaintState.valueOf(u.getString("newState")),
          DocumentFields.actor(u.get("actor", Document.class)), u.getString("note"), instant(u, "createTime")));
    }
    Document r = d.get("resolutionRating", Document.class);
    return new Complaint(d.getString("_id"), d.getString("customerId"), Channel.valueOf(d.getString("channel")),
        ComplaintCategory.valueOf(d.getString("category")), ComplaintSeverity.valueOf(d.getString("severity")),
        d.getString("description"), DocumentFields.linkedRecords(d, "relatedRecords"),
        ComplaintState.valueOf(d.getString("state")), updates, DocumentFields.actor(d.get("filedBy", Document.class)),
        instant(d, "resolveByTime"), instant(d, "firstResponseTime"), instant(d, "firstResolveTime"),
        instant(d, "lastResolveTime"), d.getInteger("reopenCount", 0), instant(d, "closeTime"),
        r == null ? null : new ResolutionRating(r.getInteger("score"), r.getString("comment"), instant(r, "rateTime")),
        d.getString("followUpId"), number(d, "version"), instant(d, "createTime"), instant(d, "updateTime"));
  }
}
