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
import cx.feedback.domain.ResponseStore;
import cx.feedback.domain.ScoreBand;
import cx.feedback.domain.SurveyResponse;
import cx.feedback.domain.SurveyType;
import cx.feedback.domain.Touchpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalInt;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Survey responses in MongoDB: {@code responses}, one document per response keyed by the id
 * derived from its natural key, so the unique {@code _id} admits one response per key however
 * many submissions race for it.
 */
public final class MongoResponseStore implements ResponseStore {

  /** Whether the response is counted in the score rollups. */
  static final String COUNTED = "countedInRollups";
  /** Until when the submission that last took the counting lease may count the response. */
  static final String COUNTING_LEASE_END = "countingLeaseEnd";

  private final MongoCollection<Document> responses;

  public MongoResponseStore(MongoDatabase database) {
    this.responses = database.getCollection("responses");
    responses.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("respondTime")),
        new IndexOptions().name("by_customer_newest_first"));
    responses.createIndex(Indexes.compoundIndex(Indexes.ascending("surveyId"), Indexes.descending("respondTime")),
        new IndexOptions().name("by_survey_newest_first"));
  }

  @Override
  public Optional<SurveyResponse> findResponse(String id) {
    return Optional.ofNullable(responses.find(Filters.eq("_id", id)).first()).map(MongoResponseStore::toResponse);
  }

  @Override
  public List<SurveyResponse> list(ListFilters.Responses f, PagePosition after, int limit) {
    List<Bson> conditions = new ArrayList<>();
    if (!f.customerId().isEmpty()) {
      conditions.add(Filters.eq("customerId", f.customerId()));
    }
    if (!f.surveyIds().isEmpty()) {
      conditions.add(Filters.in("surveyId", List.copyOf(f.surveyIds())));
    }
    KeysetPages.addIn(conditions, "surveyType", f.surveyTypes());
    KeysetPages.addIn(conditions, "channel", f.channels());
    KeysetPages.addIn(conditions, "touchpoint", f.touchpoints());
    KeysetPages.addIn(conditions, "band", f.bands());
    if (f.startTime() != null) {
      conditions.add(Filters.gte("respondTime", date(f.startTime())));
    }
    if (f.endTime() != null) {
      conditions.add(Filters.lt("respondTime", date(f.endTime())));
    }
    return KeysetPages.page(responses, conditions, "respondTime", true, after, limit, MongoResponseStore::toResponse);
  }

  @Override
  public void pseudonymise(String id, String pseudonym) {
    responses.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("customerId", pseudonym),
        Updates.set("comment", ""), Updates.set("followUpAnswer", ""), Updates.set("touchpointReference", null),
        Updates.set("relatedRecords", List.of())));
  }

  @Override
  public boolean anyFor(String surveyId) {
    return responses.find(Filters.eq("surveyId", surveyId)).limit(1).first() != null;
  }

  @Override
  public List<SurveyResponse> findResponses(Collection<String> ids) {
    return responses.find(Filters.in("_id", List.copyOf(ids))).map(MongoResponseStore::toResponse)
        .into(new ArrayList<>());
  }

  @Override
  public boolean insertResponseIfAbsent(SurveyResponse response, Instant countingLeaseEnd) {
    return DocumentFields.insertIfAbsent(responses, toDocument(response)
        .append(COUNTED, false)
        .append(COUNTING_LEASE_END, date(countingLeaseEnd)));
  }

  @Override
  public Set<String> insertResponsesIfAbsent(List<SurveyResponse> responses, Instant countingLeaseEnd) {
    Set<String> stored = new HashSet<>();
    DocumentFields.insertAllIfAbsent(this.responses, responses.stream().map(r -> toDocument(r)
        .append(COUNTED, false)
        .append(COUNTING_LEASE_END, date(countingLeaseEnd))).toList()).forEach(id -> stored.add((String) id));
    return stored;
  }

  @Override
  public Set<String> uncountedWithLeaseEnded(Collection<String> ids, Instant now) {
    Set<String> uncounted = new HashSet<>();
    if (!ids.isEmpty()) {
      responses.find(Filters.and(Filters.in("_id", List.copyOf(ids)), Filters.eq(COUNTED, false),
              Filters.lt(COUNTING_LEASE_END, date(now))))
          .projection(new Document("_id", 1)).forEach(d -> uncounted.add(d.getString("_id")));
    }
    return uncounted;
  }

  @Override
  public void markAllCounted(Collection<String> ids) {
    if (!ids.isEmpty()) {
      responses.updateMany(Filters.in("_id", List.copyOf(ids)), Updates.set(COUNTED, true));
    }
  }

  @Override
  public boolean claimCounting(String id, Instant now, Instant leaseEnd) {
    return responses.updateOne(
        Filters.and(Filters.eq("_id", id), Filters.eq(COUNTED, false), Filters.lt(COUNTING_LEASE_END, date(now))),
        Updates.set(COUNTING_LEASE_END, date(leaseEnd))).getModifiedCount() == 1;
  }

  @Override
  public void markCounted(String id) {
    responses.updateOne(Filters.eq("_id", id), Updates.set(COUNTED, true));
  }

  static Document toDocument(SurveyResponse r) {
    return new Document("_id", r.id())
        .append("customerId", r.customerId())
        .append("surveyId", r.surveyId())
        .append("surveyType", r.surveyType().name())
        .append("touchpoint", r.touchpoint().name())
        .append("touchpointReference", DocumentFields.linkedRecord(r.touchpointReference()))
        .append("score", r.score().isPresent() ? r.score().getAsInt() : null)
        .append("comment", r.comment())
        .append("followUpAnswer", r.followUpAnswer())
        .append("channel", r.channel().name())
        .append("respondTime", date(r.respondTime()))
        .append("band", r.band().name())
        .append("followUpId", r.followUpId())
        .append("relatedRecords", DocumentFields.linkedRecords(r.relatedRecords()))
        .append("version", r.version())
        .append("createTime", date(r.createTime()));
  }

  static SurveyResponse toResponse(Document d) {
    Integer score = d.getInteger("score");
    return new SurveyResponse(d.getString("_id"), d.getString("customerId"), d.getString("surveyId"),
        SurveyType.valueOf(d.getString("surveyType")), Touchpoint.valueOf(d.getString("touchpoint")),
        DocumentFields.linkedRecord(d.get("touchpointReference", Document.class)),
        score == null ? OptionalInt.empty() : OptionalInt.of(score), d.getString("comment"),
        d.getString("followUpAnswer"), Channel.valueOf(d.getString("channel")), instant(d, "respondTime"),
        ScoreBand.valueOf(d.getString("band")), d.getString("followUpId"),
        DocumentFields.linkedRecords(d, "relatedRecords"), number(d, "version"), instant(d, "createTime"));
  }
}
