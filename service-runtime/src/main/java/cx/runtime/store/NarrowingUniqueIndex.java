package cx.runtime.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A unique index of the embedded store that also serves filters which merely <em>contain</em> an
 * equality on its keys, such as {@code {_id: x, version: n}}.
 *
 * <p>The embedded server only uses an index when the filter names exactly the index's fields,
 * and scans the whole collection otherwise. Every conditional write of optimistic concurrency
 * filters on the id and the version read, so each one scanned. Here, when every key of the
 * index is bound by an equality that the whole filter requires (a field of the filter itself or
 * of a {@code $and} clause, recursively), the index yields the at most one document holding
 * those values, and the server then applies the whole filter to it as it does to any index
 * result. The candidates are therefore a superset of the matches, and the answer is the one a
 * scan would give.
 *
 * <p>Only plain scalar values (strings, numbers, booleans, object ids, dates, UUIDs) count as
 * equalities: sub-documents, arrays, regular expressions and {@code null} have matching rules of
 * their own and take the server's usual path. Everything else, writes included, is the wrapped
 * index's work.
 */
final class NarrowingUniqueIndex extends Index<Object> {

  private final Index<Object> index;

  NarrowingUniqueIndex(Index<Object> index, List<IndexKey> keys, boolean sparse) {
    super(index.getName(), keys, sparse);
    this.index = index;
  }

  @Override
  public boolean canHandle(Document query) {
    return index.canHandle(query) || keyEqualities(query) != null || keyMembers(query) != null;
  }

  @Override
  public Iterable<Object> getPositions(Document query) {
    if (index.canHandle(query)) {
      return index.getPositions(query);
    }
    List<Object> members = keyMembers(query);
    if (members != null && keyEqualities(query) == null) {
      String key = getKeys().get(0).getKey();
      List<Object> positions = new ArrayList<>();
      for (Object member : members) {
        index.getPositions(new Document(key, member)).forEach(positions::add);
      }
      return positions;
    }
    Document keys = keyEqualities(query);
    if (keys == null) {
      throw new IllegalArgumentException("the filter binds no key of " + getName());
    }
    return index.getPositions(keys);
  }

  /**
   * The filter {@code {key: value, …}} over exactly this index's keys that {@code query}
   * implies, or null when the query does not bind every key to a plain value.
   */
  Document keyEqualities(Document query) {
    Map<String, Object> equalities = new LinkedHashMap<>();
    collectEqualities(query, equalities);
    Document keys = new Document();
    for (IndexKey key : getKeys()) {
      Object value = equalities.get(key.getKey());
      if (value == null) {
        return null;
      }
      keys.put(key.getKey(), value);
    }
    return index.canHandle(keys) ? keys : null;
  }

  /**
   * The plain values a single-key index's key must be one of, when the filter (or a
   * {@code $and} clause of it) requires {@code key: {$in: [...]}} of plain values only, such as
   * {@code {_id: {$in: ids}, counted: false}}; otherwise null.
   */
  List<Object> keyMembers(Document query) {
    if (getKeys().size() != 1) {
      return null;
    }
    String key = getKeys().get(0).getKey();
    List<Object> members = findMembership(query, key);
    if (members == null || !index.canHandle(new Document(key, "probe"))) {
      return null;
    }
    return members;
  }

  private static List<Object> findMembership(Document filter, String key) {
    for (Map.Entry<String, Object> condition : filter.entrySet()) {
      if (condition.getKey().equals("$and") && condition.getValue() instanceof List<?> clauses) {
        for (Object clause : clauses) {
          if (clause instanceof Document document) {
            List<Object> found = findMembership(document, key);
            if (found != null) {
              return found;
            }
          }
        }
      } else if (condition.getKey().equals(key) && condition.getValue() instanceof Document operators
          && operators.size() == 1 && operators.get("$in") instanceof List<?> values) {
        List<Object> plain = new ArrayList<>();
        for (Object value : values) {
          Object member = plainEquality(value);
          if (member == null) {
            return null;
          }
          plain.add(member);
        }
        return plain;
      }
    }
    return null;
  }

  /** Every field the filter requires to equal a plain value, including inside {@code $and}. */
  private static void collectEqualities(Document filter, Map<String, Object> equalities) {
    for (Map.Entry<String, Object> condition : filter.entrySet()) {
      String field = condition.getKey();
      Object value = condition.getValue();
      if (field.equals("$and") && value instanceof List<?> clauses) {
        for (Object clause : clauses) {
          if (clause instanceof Document document) {
            collectEqualities(document, equalities);
          }
        }
      } else if (!field.startsWith("$")) {
        Object plain = plainEquality(value);
        if (plain != null) {
          equalities.putIfAbsent(field, plain);
        }
      }
    }
  }

  /** The value a condition requires equality with, if it is a plain scalar; otherwise null. */
  private static Object plainEquality(Object condition) {
    Object value = condition;
    if (condition instanceof Document operators) {
      if (operators.size() != 1 || !operators.containsKey("$eq")) {
        return null;
      }
      value = operators.get("$eq");
    }
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return null;
    }
    boolean plain = value instanceof String || value instanceof Integer || value instanceof Long
        || value instanceof Double || value instanceof Boolean || value instanceof ObjectId
        || value instanceof Instant || value instanceof UUID;
    return plain ? value : null;
  }

  @Override
  public Object getPosition(Document document) {
    return index.getPosition(document);
  }

  @Override
  public void checkAdd(Document document, MongoCollection<Object> collection) {
    index.checkAdd(document, collection);
  }

  @Override
  public void add(Document document, Object position, MongoCollection<Object> collection) {
    index.add(document, position, collection);
  }

  @Override
  public Object remove(Document document) {
    return index.remove(document);
  }

  @Override
  public long getCount() {
    return index.getCount();
  }

  @Override
  public boolean isEmpty() {
    return index.isEmpty();
  }

  @Override
  public long getDataSize() {
    return index.getDataSize();
  }

  @Override
  public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
    index.checkUpdate(oldDocument, newDocument, collection);
  }

  @Override
  public void updateInPlace(Document oldDocument, Document newDocument, Object position,
      MongoCollection<Object> collection) {
    index.updateInPlace(oldDocument, newDocument, position, collection);
  }

  @Override
  public void drop() {
    index.drop();
  }

  @Override
  public boolean isUnique() {
    return true;
  }
}
