package cx.feedback.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import cx.feedback.domain.PagePosition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Keyset paging over (time, {@code _id}): a page starts strictly after the last item of the
 * previous one, so that items written meanwhile never shift a page. Listings that use it scan on
 * the embedded store; they are admin and agent lists, not the hot paths, which read by key.
 */
final class KeysetPages {

  private KeysetPages() {
  }

  /** The conditions of a filter, ANDed; "every document" when there are none. */
  static Bson allOf(List<Bson> conditions) {
    return conditions.isEmpty() ? new Document() : Filters.and(conditions);
  }

  /** Adds {@code field $in values} when the set narrows. */
  static void addIn(List<Bson> conditions, String field, Collection<? extends Enum<?>> values) {
    if (!values.isEmpty()) {
      conditions.add(Filters.in(field, values.stream().map(Enum::name).toList()));
    }
  }

  static <T> List<T> page(MongoCollection<Document> collection, List<Bson> conditions, String timeField,
      boolean newestFirst, PagePosition after, int limit, Function<Document, T> reader) {
    List<Bson> all = new ArrayList<>(conditions);
    if (after != null) {
      Date time = Date.from(after.time());
      all.add(newestFirst
          ? Filters.or(Filters.lt(timeField, time), Filters.and(Filters.eq(timeField, time), Filters.lt("_id", after.id())))
          : Filters.or(Filters.gt(timeField, time),
              Filters.and(Filters.eq(timeField, time), Filters.gt("_id", after.id()))));
    }
    Bson sort = newestFirst ? Sorts.descending(timeField, "_id") : Sorts.ascending(timeField, "_id");
    return collection.find(allOf(all)).sort(sort).limit(limit).map(reader::apply).into(new ArrayList<>());
  }
}
