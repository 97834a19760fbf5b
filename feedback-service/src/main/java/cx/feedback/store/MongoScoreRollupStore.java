package cx.feedback.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import cx.feedback.domain.Channel;
import cx.feedback.domain.DayRollup;
import cx.feedback.domain.ScoreCell;
import cx.feedback.domain.ScoreRollupStore;
import cx.feedback.domain.ScoreTally;
import cx.feedback.domain.SurveyType;
import cx.feedback.domain.Touchpoint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.bson.Document;

/**
 * Score rollups in MongoDB: {@code score_rollups}, one document per UTC day keyed by the day
 * ({@code "2026-11-23"}), holding a sub-document per cell keyed
 * {@code "NPS|AFTER_DELIVERY|EMAIL|{survey id}"} with a counter per score ({@code "s0"} to
 * {@code "s10"}) and {@code "dismissed"}. A response is one {@code $inc} with upsert; a summary
 * is one {@code _id $in} read of its days, which is fast on every store.
 */
public final class MongoScoreRollupStore implements ScoreRollupStore {

  /** How many days one read asks for at most. */
  private static final int DAYS_PER_READ = 500;
  private static final String CELLS = "cells";
  private static final String DISMISSED = "dismissed";
  private static final String SEPARATOR = "|";

  private final MongoCollection<Document> rollups;

  public MongoScoreRollupStore(MongoDatabase database) {
    this.rollups = database.getCollection("score_rollups");
  }

  @Override
  public void count(LocalDate day, ScoreCell cell, OptionalInt score) {
    String counter = CELLS + "." + key(cell) + "." + (score.isPresent() ? "s" + score.getAsInt() : DISMISSED);
    try {
      increment(day, counter);
    } catch (MongoWriteException e) {
      // Two first writes of a day raced to create its document; the second finds it now.
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      increment(day, counter);
    }
  }

  private void increment(LocalDate day, String counter) {
    rollups.updateOne(Filters.eq("_id", day.toString()), Updates.inc(counter, 1L), new UpdateOptions().upsert(true));
  }

  @Override
  public List<DayRollup> read(Collection<LocalDate> days) {
    List<String> ids = days.stream().map(LocalDate::toString).toList();
    List<DayRollup> result = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += DAYS_PER_READ) {
      for (Document d : rollups.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + DAYS_PER_READ))))) {
        result.add(toRollup(d));
      }
    }
    return result;
  }

  private static String key(ScoreCell cell) {
    return String.join(SEPARATOR, cell.surveyType().name(), cell.touchpoint().name(), cell.channel().name(),
        cell.surveyId());
  }

  private static DayRollup toRollup(Document d) {
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
    return new DayRollup(LocalDate.parse(d.getString("_id")), cells);
  }

  private static long counter(Document counters, String name) {
    Number value = counters.get(name, Number.class);
    return value == null ? 0 : value.longValue();
  }
}
