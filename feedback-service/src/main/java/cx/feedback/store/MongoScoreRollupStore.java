package cx.feedback.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import cx.feedback.domain.Channel;
import cx.feedback.domain.PeriodRollup;
import cx.feedback.domain.RollupPeriod;
import cx.feedback.domain.ScoreCell;
import cx.feedback.domain.ScoreRollupStore;
import cx.feedback.domain.ScoreTally;
import cx.feedback.domain.SurveyType;
import cx.feedback.domain.Touchpoint;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.bson.Document;

/**
 * Score rollups in MongoDB: {@code score_rollups}, one document per UTC day keyed by the day
 * ({@code "2026-11-23"}), per week keyed by its Monday ({@code "week:2026-11-23"}) and per month
 * ({@code "month:2026-11"}), each holding a sub-document per cell keyed
 * {@code "NPS|AFTER_DELIVERY|EMAIL|{survey id}"} with a counter per score ({@code "s0"} to
 * {@code "s10"}) and {@code "dismissed"}. A response is one bulk write of three {@code $inc}s with
 * upsert; a summary is one {@code _id $in} read of its periods, which is fast on every store.
 *
 * <p>Weeks and months were added to a store that had days only: {@code weeks-and-months-since}
 * records the first day from which they are complete, which is the day after the store was
 * first opened with them, or the beginning of time for a store that had no rollups yet.
 */
public final class MongoScoreRollupStore implements ScoreRollupStore {

  /** How many periods one read asks for at most. */
  private static final int PERIODS_PER_READ = 500;
  private static final String CELLS = "cells";
  private static final String DISMISSED = "dismissed";
  private static final String SEPARATOR = "|";
  private static final String SINCE_ID = "weeks-and-months-since";
  private static final LocalDate BEGINNING = LocalDate.of(1970, 1, 1);

  private final MongoCollection<Document> rollups;
  private final LocalDate weeksAndMonthsSince;

  public MongoScoreRollupStore(MongoDatabase database, Clock clock) {
    this.rollups = database.getCollection("score_rollups");
    this.weeksAndMonthsSince = weeksAndMonthsSince(clock);
  }

  private LocalDate weeksAndMonthsSince(Clock clock) {
    Document since = rollups.find(Filters.eq("_id", SINCE_ID)).first();
    if (since == null) {
      boolean countedBefore = rollups.find(Filters.ne("_id", SINCE_ID)).limit(1).first() != null;
      LocalDate first = countedBefore ? LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1) : BEGINNING;
      try {
        rollups.insertOne(new Document("_id", SINCE_ID).append("day", first.toString()));
        return first;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        since = rollups.find(Filters.eq("_id", SINCE_ID)).first();
      }
    }
    return LocalDate.parse(since.getString("day"));
  }

  @Override
  public LocalDate weeksAndMonthsSince() {
    return weeksAndMonthsSince;
  }

  @Override
  public void count(LocalDate day, ScoreCell cell, OptionalInt score) {
    countAll(List.of(new Count(day, cell, score)));
  }

  /** One bulk write of one {@code $inc} per period document the responses fall in, whatever their number. */
  @Override
  public void countAll(List<Count> counts) {
    Map<String, Map<String, Long>> increments = new LinkedHashMap<>();
    for (Count c : counts) {
      String counter = CELLS + "." + key(c.cell()) + "." + (c.score().isPresent() ? "s" + c.score().getAsInt() : DISMISSED);
      for (RollupPeriod period : List.of(RollupPeriod.day(c.day()), RollupPeriod.weekOf(c.day()), RollupPeriod.monthOf(c.day()))) {
        increments.computeIfAbsent(id(period), p -> new LinkedHashMap<>()).merge(counter, 1L, Long::sum);
      }
    }
    List<String> pending = List.copyOf(increments.keySet());
    // Two first writes of a period may race to create its document; the loser's increment is
    // made again and finds the document then.
    for (int attempt = 0; !pending.isEmpty(); attempt++) {
      List<UpdateOneModel<Document>> writes = pending.stream()
          .map(id -> new UpdateOneModel<Document>(Filters.eq("_id", id), Updates.combine(increments.get(id).entrySet()
              .stream().map(e -> Updates.inc(e.getKey(), e.getValue())).toList()), new UpdateOptions().upsert(true)))
          .toList();
      try {
        rollups.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        return;
      } catch (MongoBulkWriteException e) {
        List<String> failed = new ArrayList<>();
        for (BulkWriteError error : e.getWriteErrors()) {
          if (error.getCategory() != ErrorCategory.DUPLICATE_KEY || attempt > 0) {
            throw e;
          }
          failed.add(pending.get(error.getIndex()));
        }
        pending = failed;
      }
    }
  }

  @Override
  public List<PeriodRollup> read(Collection<RollupPeriod> periods) {
    Map<String, RollupPeriod> byId = new LinkedHashMap<>();
    periods.forEach(p -> byId.put(id(p), p));
    List<String> ids = List.copyOf(byId.keySet());
    List<PeriodRollup> result = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += PERIODS_PER_READ) {
      for (Document d : rollups.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + PERIODS_PER_READ))))) {
        result.add(new PeriodRollup(byId.get(d.getString("_id")), cells(d)));
      }
    }
    return result;
  }

  /** A period's document id: a day as it always was, weeks and months with their kind. */
  static String id(RollupPeriod period) {
    return switch (period.length()) {
      case DAY -> period.start().toString();
      case WEEK -> "week:" + period.start();
      case MONTH -> "month:" + YearMonth.from(period.start());
    };
  }

  private static String key(ScoreCell cell) {
    return String.join(SEPARATOR, cell.surveyType().name(), cell.touchpoint().name(), cell.channel().name(),
        cell.surveyId());
  }

  private static Map<ScoreCell, ScoreTally> cells(Document d) {
    Map<ScoreCell, ScoreTally> cells = new HashMap<>();
    Document stored = d.get(CELLS, Document.class);
    if (stored != null) {
      for (Map.Entry<String, Object> entry : stored.entrySet()) {
        String[] parts = entry.getKey().split("\\" + SEPARATOR, 4);
        ScoreCell cell = new ScoreCell(SurveyType.valueOf(parts[0]), Touchpoint.valueOf(parts[1]),
            Channel.valueOf(parts[2]), parts[3]);
        Document counters = (Document) entry.getValue();
        long[] counts = new long[cell.surveyType().maxScore() - cell.surveyType().minScore() + 1];
        for (int i = 0; i < counts.length; i++) {
          counts[i] = counter(counters, "s" + (i + cell.surveyType().minScore()));
        }
        cells.put(cell, ScoreTally.of(cell.surveyType(), counts, counter(counters, DISMISSED)));
      }
    }
    return cells;
  }

  private static long counter(Document counters, String name) {
    Number value = counters.get(name, Number.class);
    return value == null ? 0 : value.longValue();
  }
}
