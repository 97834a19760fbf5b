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
import cx.feedback.domain.ResponseStore;
import cx.feedback.domain.ScoreBand;
import cx.feedback.domain.SurveyResponse;
import cx.feedback.domain.SurveyType;
import cx.feedback.domain.Touchpoint;
import java.util.Optional;
import java.util.OptionalInt;
import org.bson.Document;

/**
 * Survey responses in MongoDB: {@code responses}, one document per response keyed by the id
 * derived from its natural key, so the unique {@code _id} admits one response per key however
 * many submissions race for it.
 */
public final class MongoResponseStore implements ResponseStore {

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
  public boolean insertResponseIfAbsent(SurveyResponse response) {
    return DocumentFields.insertIfAbsent(responses, toDocument(response));
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
