package cx.runtime.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store's H2 maps order the keys of a unique index: value by value, and stored
 * in the file exactly as H2's default type stores them.
 *
 * <p>H2's default type has no order for the server's {@link KeyValue}, so it compared two keys
 * by Java-serialising both, on every comparison of every look-up: a find by {@code _id} in a
 * map of 200,000 keys serialised some forty objects, and it was a third of the store's CPU
 * time under load. Here keys compare by their values: values of the same class by their natural
 * order, values of different classes by the class name, and only values with no natural order
 * (sub-documents, arrays) by their serialised bytes as before. Two keys are equal exactly when
 * the default type found them equal, so every unique constraint holds as it did; only the order
 * of unequal keys differs, which is why a file written in the old order is re-sorted once when
 * it is opened (see {@link DurableH2Backend}).
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

  private final ObjectDataType stored = new ObjectDataType();

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
    if (a.getClass() != b.getClass()) {
      return a.getClass().getName().compareTo(b.getClass().getName());
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

  @Override
  public int getMemory(KeyValue key) {
    return stored.getMemory(key);
  }

  @Override
  public void write(WriteBuffer buffer, KeyValue key) {
    stored.write(buffer, key);
  }

  @Override
  public KeyValue read(ByteBuffer buffer) {
    return (KeyValue) stored.read(buffer);
  }

  @Override
  public KeyValue[] createStorage(int size) {
    return new KeyValue[size];
  }
}
