package cx.feedback.store;

import static cx.feedback.store.DocumentFields.date;
import static cx.feedback.store.DocumentFields.instant;
import static cx.feedback.store.DocumentFields.number;

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
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;

/**
 * The facts behind the complaint statistics in MongoDB: the latest facts of every complaint by
 * the day it was filed and of every follow-up case by the day it was opened, in
 * {@link DailyFactBuckets} ({@code complaint_facts_*} and {@code follow_up_facts_*}).
 * {@code stats_calendar} keeps the first day anything was recorded on.
 */
public final class MongoComplaintStatsStore implements ComplaintStatsStore {

  private static final String CALENDAR_ID = "first-day";

  private final DailyFactBuckets complaints;
  private final DailyFactBuckets followUps;
  private final MongoCollection<Document> calendar;
  /** The earliest day this process knows the calendar holds: a later one need not be written. */
  private final AtomicReference<LocalDate> firstDayKnown = new AtomicReference<>();

  public MongoComplaintStatsStore(MongoDatabase database) {
    this.complaints = new DailyFactBuckets(database, "complaint_facts");
    this.followUps = new DailyFactBuckets(database, "follow_up_facts");
    this.calendar = database.getCollection("stats_calendar");
  }

  @Override
  public void record(ComplaintFacts f) {
    record(complaints, f.filingDay(), f.complaintId(), f.version(), new Document("channel", f.channel().name())
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
    recordAll(List.of(f));
  }

  @Override
  public void recordAll(List<FollowUpFacts> facts) {
    followUps.keepAll(facts.stream().map(f -> new DailyFactBuckets.Fact(f.openingDay(), f.followUpId(), f.version(),
        f.version() == 1, new Document("channel", f.channel().name())
            .append("state", f.state().name())
            .append("outcome", f.outcome() == null ? null : f.outcome().name())
            .append("createTime", date(f.createTime()))
            .append("closeMillis", millis(f.closeDuration())))).toList());
    facts.stream().map(FollowUpFacts::openingDay).min(LocalDate::compareTo).ifPresent(this::noteDay);
  }

  private void record(DailyFactBuckets facts, LocalDate day, String id, long version, Document values) {
    facts.keep(day, id, version, version == 1, values);
    noteDay(day);
  }

  /** Moves the calendar's first day back to {@code day} if it is earlier. */
  private void noteDay(LocalDate day) {
    LocalDate known = firstDayKnown.get();
    if (known == null || day.isBefore(known)) {
      calendar.updateOne(Filters.eq("_id", CALENDAR_ID), Updates.min("day", day.toString()),
          new UpdateOptions().upsert(true));
      firstDayKnown.accumulateAndGet(day, (a, b) -> a == null || b.isBefore(a) ? b : a);
    }
  }

  @Override
  public List<ComplaintFacts> complaintsFiledOn(Collection<LocalDate> days) {
    return read(complaints, days, (id, d) -> new ComplaintFacts(id, Channel.valueOf(d.getString("channel")),
        ComplaintCategory.valueOf(d.getString("category")), ComplaintSeverity.valueOf(d.getString("severity")),
        ComplaintState.valueOf(d.getString("state")), instant(d, "createTime"), duration(d, "firstResponseMillis"),
        duration(d, "resolutionMillis"), duration(d, "fullResolutionMillis"), d.getInteger("reopenCount", 0),
        d.getInteger("ratingScore"), number(d, "version")));
  }

  @Override
  public List<FollowUpFacts> followUpsOpenedOn(Collection<LocalDate> days) {
    return read(followUps, days, (id, d) -> new FollowUpFacts(id, Channel.valueOf(d.getString("channel")),
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

  private static <T> List<T> read(DailyFactBuckets facts, Collection<LocalDate> days, FactsReader<T> reader) {
    List<T> result = new ArrayList<>();
    facts.createdOn(days).forEach((id, values) -> result.add(reader.read(id, values)));
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
