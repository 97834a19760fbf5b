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
import cx.feedback.domain.Survey;
import cx.feedback.domain.SurveyStore;
import cx.feedback.domain.SurveyType;
import cx.feedback.domain.Touchpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Survey definitions in MongoDB: {@code surveys}, one document per survey keyed by its id. */
public final class MongoSurveyStore implements SurveyStore {

  private final MongoCollection<Document> surveys;

  public MongoSurveyStore(MongoDatabase database) {
    this.surveys = database.getCollection("surveys");
    surveys.createIndex(Indexes.descending("createTime"), new IndexOptions().name("newest_first"));
  }

  @Override
  public Optional<Survey> find(String id) {
    return Optional.ofNullable(surveys.find(Filters.eq("_id", id)).first()).map(MongoSurveyStore::toSurvey);
  }

  @Override
  public void insertIfAbsent(Survey survey) {
    DocumentFields.insertIfAbsent(surveys, toDocument(survey));
  }

  @Override
  public List<Survey> list(ListFilters.Surveys f, PagePosition after, int limit) {
    List<Bson> conditions = new ArrayList<>();
    KeysetPages.addIn(conditions, "type", f.types());
    KeysetPages.addIn(conditions, "touchpoint", f.touchpoints());
    if (f.channel() != null) {
      conditions.add(Filters.or(Filters.eq("channels", f.channel().name()), Filters.size("channels", 0)));
    }
    if (f.activeAt() != null) {
      conditions.add(Filters.lte("startTime", date(f.activeAt())));
      conditions.add(Filters.or(Filters.eq("endTime", null), Filters.gt("endTime", date(f.activeAt()))));
    }
    return KeysetPages.page(surveys, conditions, "createTime", true, after, limit, MongoSurveyStore::toSurvey);
  }

  @Override
  public boolean replace(Survey survey, long expectedVersion) {
    return surveys.replaceOne(Filters.and(Filters.eq("_id", survey.id()), Filters.eq("version", expectedVersion)),
        toDocument(survey)).getModifiedCount() == 1;
  }

  @Override
  public boolean delete(String id, long expectedVersion) {
    return surveys.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", expectedVersion)))
        .getDeletedCount() == 1;
  }

  static Document toDocument(Survey survey) {
    return new Document("_id", survey.id())
        .append("displayName", survey.displayName())
        .append("type", survey.type().name())
        .append("question", survey.question())
        .append("followUpQuestion", survey.followUpQuestion())
        .append("touchpoint", survey.touchpoint().name())
        .append("channels", survey.channels().stream().map(Channel::name).toList())
        .append("startTime", date(survey.startTime()))
        .append("endTime", date(survey.endTime()))
        .append("quietPeriodSeconds", survey.quietPeriod() == null ? null : survey.quietPeriod().toSeconds())
        .append("version", survey.version())
        .append("createTime", date(survey.createTime()))
        .append("updateTime", date(survey.updateTime()));
  }

  static Survey toSurvey(Document d) {
    Number quiet = d.get("quietPeriodSeconds", Number.class);
    return new Survey(d.getString("_id"), d.getString("displayName"), SurveyType.valueOf(d.getString("type")),
        d.getString("question"), d.getString("followUpQuestion"), Touchpoint.valueOf(d.getString("touchpoint")),
        d.getList("channels", String.class, List.of()).stream().map(Channel::valueOf).toList(),
        instant(d, "startTime"), instant(d, "endTime"), quiet == null ? null : Duration.ofSeconds(quiet.longValue()),
        number(d, "version"), instant(d, "createTime"), instant(d, "updateTime"));
  }
}
