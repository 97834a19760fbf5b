package cx.feedback.store;

import static cx.feedback.store.DocumentFields.date;
import static cx.feedback.store.DocumentFields.instant;
import static cx.feedback.store.DocumentFields.number;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import cx.feedback.domain.Channel;
import cx.feedback.domain.ComplaintCategory;
import cx.feedback.domain.ComplaintFacts;
import cx.feedback.domain.ComplaintSeverity;
import cx.feedback.domain.ComplaintState;
import cx.feedback.domain.ComplaintStatsStore;
import cx.feedback.domain.FollowUpFacts;
import cx.feedback.domain.FollowUpOutcome;
import cx.feedback.domain.FollowUpState;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The facts behind the complaint statistics in MongoDB (the bucket pattern): in
 * {@code complaint_facts_by_day} and {@code follow_up_facts_by_day}, one document per UTC day
 * keyed by the day ({@code "2026-11-23"}), holding under {@code facts.{id}} the facts of every
 * complaint filed (or case opened) that day. Each record is one conditional {@code $set} that
 * only a newer version passes, so a repeated or late record never undoes a newer one.
 * {@code stats_calendar} keeps the first day anything was recorded on.
 */
public final class MongoComplaintStatsStore implements ComplaintStatsStore {

  private static final int DAYS_PER_READ = 500;
  private static final String FACTS = "facts";
  private static final String CALENDAR_ID = "first-day";

  private final MongoCollection<Document> complaintDays;
  private final MongoCollection<Document> followUpDays;
  private final MongoCollection<Document> calendar;

  public MongoComplaintStatsStore(MongoDatabase database) {
    this.complaintDays = database.getCollection("complaint_facts_by_day");
    this.followUpDays = database.getCollection("follow_up_facts_by_day");
    this.calendar = database.getCollection("stats_calendar");
  }

  @Override
  public void record(ComplaintFacts f) {
    record(complaintDays, f.filingDay(), f.complaintId(), f.version(), new Document("channel", f.channel().name())
        .append("category", f.category().name())
        .append("severity", f.severity().name())
        .append("state", f.state().name())
        .append("createTime", date(f.createTime()))
        .append("firstResponseMillis", millis(f.firstResponseDuration()))
        .append("resolutionMillis", millis(f.resolutionDuration()))
        .append("fullResolutionMillis", millis(f.fullResolutionDuration()))
        .append("reopenCount", f.reopenCount())
        .append("ratingScore", f.ratingScore()));
  }

  @Override
  public void record(FollowUpFacts f) {
    record(followUpDays, f.openingDay(), f.followUpId(), f.version(), new Document("channel", f.channel().name())
        .append("state", f.state().name())
        .append("outcome", f.outcome() == null ? null : f.outcome().name())
        .append("createTime", date(f.createTime()))
        .append("closeMillis", millis(f.closeDuration())));
  }

  private void record(MongoCollection<Document> days, LocalDate day, String id, long version, Document facts) {
    String path = FACTS + "." + id;
    try {
      days.updateOne(Filters.and(Filters.eq("_id", day.toString()),
              Filters.or(Filters.exists(path + ".version", false), Filters.lt(path + ".version", version))),
          Updates.set(path, facts.append("version", version)), new UpdateOptions().upsert(true));
    } catch (MongoWriteException e) {
      // The day exists and already holds this version or a newer one: nothing to do.
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    calendar.updateOne(Filters.eq("_id", CALENDAR_ID), Updates.min("day", day.toString()),
        new UpdateOptions().upsert(true));
  }

  @Override
  public List<ComplaintFacts> complaintsFiledOn(Collection<LocalDate> days) {
    return read(complaintDays, days, (id, d) -> new ComplaintFacts(id, Channel.valueOf(d.getString("channel")),
        ComplaintCategory.valueOf(d.getString("category")), ComplaintSeverity.valueOf(d.getString("severity")),
        ComplaintState.valueOf(d.getString("state")), instant(d, "createTime"), duration(d, "firstResponseMillis"),
        duration(d, "resolutionMillis"), duration(d, "fullResolutionMillis"), d.getInteger("reopenCount", 0),
        d.getInteger("ratingScore"), number(d, "version")));
  }

  @Override
  public List<FollowUpFacts> followUpsOpenedOn(Collection<LocalDate> days) {
    return read(followUpDays, days, (id, d) -> new FollowUpFacts(id, Channel.valueOf(d.getString("channel")),
        FollowUpState.valueOf(d.getString("state")),
        d.getString("outcome") == null ? null : FollowUpOutcome.valueOf(d.getString("outcome")),
        instant(d, "createTime"), duration(d, "closeMillis"), number(d, "version")));
  }

  @Override
  public Optional<LocalDate> firstDay() {
    return Optional.ofNullable(calendar.find(Filters.eq("_id", CALENDAR_ID)).first())
        .map(d -> LocalDate.parse(d.getString("day")));
  }

  private interface FactsReader<T> {
    T read(String id, Document facts);
  }

  private static <T> List<T> read(MongoCollection<Document> collection, Collection<LocalDate> days,
      FactsReader<T> reader) {
    List<String> ids = days.stream().map(LocalDate::toString).toList();
    List<T> result = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += DAYS_PER_READ) {
      for (Document day : collection.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(),
          from + DAYS_PER_READ))))) {
        Document facts = day.get(FACTS, Document.class);
        if (facts != null) {
          facts.forEach((id, value) -> result.add(reader.read(id, (Document) value)));
        }
      }
    }
    return result;
  }

  private static Long millis(Duration duration) {
    return duration == null ? null : duration.toMillis();
  }

  private static Duration duration(Document d, String field) {
    Number millis = d.get(field, Number.class);
    return millis == null ? null : Duration.ofMillis(millis.longValue());
  }
}
