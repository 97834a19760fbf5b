package cx.runtime.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store's H2 maps order the keys of a unique index: value by value, and written
 * to the file as BSON.
 *
 * <p>H2's default type has no order for the server's {@link KeyValue}, so it compared two keys
 * by Java-serialising both, on every comparison of every look-up: a find by {@code _id} in a
 * map of 200,000 keys serialised some forty objects, and it was a third of the store's CPU
 * time under load. Here keys compare by their values: values of the same class by their natural
 * order, values of different classes by the class name, and only values with no natural order
 * (binary values) by their serialised bytes as before; lists and documents compare by their
 * contents. Two keys are equal exactly when the default type found them equal, so every unique
 * constraint holds as it did. Keys are
 * written as BSON ({@link BsonDataType}). A file written in the old order or form is rewritten
 * once when it is opened (see {@link DurableH2Backend}).
 */
final class IndexKeyType extends BsonDataType<KeyValue> {

  private static final String VALUES = "v";

  @Override
  public int compare(KeyValue a, KeyValue b) {
    if (a == b) {
      return 0;
    }
    int common = Math.min(a.size(), b.size());
    for (int i = 0; i < common; i++) {
      int order = compareValues(a.get(i), b.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @SuppressWarnings("unchecked")
  static int compareValues(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a == null || b == null) {
      return a == null ? -1 : 1;
    }
    // Lists and documents compare by their contents, whatever class holds them: one read back
    // from the file is not of the class the server built a key of.
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return compareLists(x, y);
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return compareLists(entries(x), entries(y));
    }
    if (a.getClass() != b.getClass()) {
      return kind(a).compareTo(kind(b));
    }
    if (a instanceof Comparable<?> comparable) {
      int order = ((Comparable<Object>) comparable).compareTo(b);
      // Equal in order but not equal (1.0 and 1.00 as decimals) were two keys before, too.
      if (order != 0 || a.equals(b)) {
        return order;
      }
    }
    return ObjectDataType.compareNotNull(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
  }

  private static int compareLists(List<?> a, List<?> b) {
    int common = Math.min(a.size(), b.size());
    for (int i = 0; i < common; i++) {
      int order = compareValues(a.get(i), b.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** A document's fields in their order, as field name and value one after the other. */
  private static List<Object> entries(Map<?, ?> document) {
    List<Object> entries = new ArrayList<>(document.size() * 2);
    document.forEach((name, value) -> {
      entries.add(name);
      entries.add(value);
    });
    return entries;
  }

  private static String kind(Object value) {
    return value instanceof List<?> ? "java.util.List"
        : value instanceof Map<?, ?> ? "java.util.Map" : value.getClass().getName();
  }

  @Override
  Document toDocument(KeyValue key) {
    return new Document(VALUES, key.stream().toList());
  }

  @Override
  KeyValue fromDocument(Document document) {
    return new KeyValue((List<?>) document.get(VALUES));
  }

  @Override
  public KeyValue[] createStorage(int size) {
    return new KeyValue[size];
  }
}
