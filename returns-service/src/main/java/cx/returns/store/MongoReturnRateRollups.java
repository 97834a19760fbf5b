package cx.returns.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import cx.returns.domain.Channel;
import cx.returns.domain.RateCount;
import cx.returns.domain.RateMeasure;
import cx.returns.domain.ReturnRateRollups;
import cx.returns.domain.ReturnReason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The return-rate rollups in {@code return_rate_days}: one document per UTC day of orders,
 * keyed by the day ({@code 2026-03-01}), holding a counter per cell (channel, category and
 * reason) and measure, and the ids of the events it has counted. A period is read as one
 * {@code _id $in} per {@value #DAYS_PER_READ} days.
 */
public final class MongoReturnRateRollups implements ReturnRateRollups {

  private static final int DAYS_PER_READ = 400;

  private final MongoCollection<Document> days;

  public MongoReturnRateRollups(MongoDatabase database) {
    this.days = database.getCollection("return_rate_days");
  }

  @Override
  public void count(LocalDate cohortDay, Map<String, List<RateCount>> countsByEvent) {
    Map<String, Map<String, Long>> increments = new LinkedHashMap<>();
    countsByEvent.forEach((eventId, counts) -> {
      Map<String, Long> paths = new LinkedHashMap<>();
      counts.forEach(c -> paths.merge("cells." + cellKey(c) + "." + c.measure().name(), c.amount(), Long::sum));
      increments.put(eventId, paths);
    });
    CountedOnce.count(days, cohortDay.toString(), increments, null);
  }

  @Override
  public List<RateCount> read(LocalDate from, LocalDate until) {
    Map<String, Map<String, Long>> sums = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (LocalDate day = from; day.isBefore(until); day = day.plusDays(1)) {
      ids.add(day.toString());
      if (ids.size() == DAYS_PER_READ) {
        sum(ids, sums);
        ids.clear();
      }
    }
    if (!ids.isEmpty()) {
      sum(ids, sums);
    }
    List<RateCount> counts = new ArrayList<>();
    sums.forEach((cell, measures) -> {
      String[] parts = cell.split("\\|", -1);
      Channel channel = parts[0].isEmpty() ? null : Channel.valueOf(parts[0]);
      String category = parts[1].isEmpty() ? null : decode(parts[1]);
      ReturnReason reason = parts[2].isEmpty() ? null : ReturnReason.valueOf(parts[2]);
      measures.forEach((measure, amount) ->
          counts.add(new RateCount(channel, category, reason, RateMeasure.valueOf(measure), amount)));
    });
    return counts;
  }

  private void sum(List<String> ids, Map<String, Map<String, Long>> sums) {
    for (Document day : days.find(Filters.in("_id", ids)).projection(new Document("cells", 1))) {
      Document cells = day.get("cells", Document.class);
      if (cells == null) {
        continue;
      }
      cells.forEach((cell, measures) -> ((Document) measures).forEach((measure, amount) ->
          sums.computeIfAbsent(cell, c -> new HashMap<>()).merge(measure, ((Number) amount).longValue(), Long::sum)));
    }
  }

  private static String cellKey(RateCount count) {
    return (count.channel() == null ? "" : count.channel().name()) + "|"
        + (count.productCategory() == null ? "" : encode(count.productCategory())) + "|"
        + (count.reason() == null ? "" : count.reason().name());
  }

  /** Categories become field names: dots, dollars and the separator are escaped. */
  private static String encode(String category) {
    return category.replace("%", "%25").replace(".", "%2E").replace("$", "%24").replace("|", "%7C");
  }

  private static String decode(String encoded) {
    return encoded.replace("%7C", "|").replace("%24", "$").replace("%2E", ".").replace("%25", "%");
  }
}
