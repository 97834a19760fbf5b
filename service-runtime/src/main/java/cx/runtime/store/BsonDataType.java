package cx.runtime.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store's H2 file keeps a value that is, or holds, a document: as BSON, the
 * form the value arrived in over the wire.
 *
 * <p>H2's default type Java-serialises such values, with class descriptors, every time a page
 * holding one is written, and estimates each at ten kilobytes of memory, so that its page cache
 * held a few thousand documents and read the rest back from the file, deserialising them again.
 * BSON is several times smaller and faster both ways, and the memory estimate here follows the
 * sizes actually written. A value BSON cannot express (the server's marker for a missing field
 * in an index key) is kept in H2's default form, behind its own tag.
 *
 * @param <T> the stored value, written as one BSON document
 */
abstract class BsonDataType<T> extends BasicDataType<T> {

  private static final byte BSON = 'B';
  private static final byte DEFAULT_FORM = 'O';

  private final ObjectDataType defaultForm = new ObjectDataType();
  /** A running average of the sizes written, as the memory estimate of a value. */
  private volatile int averageSize = 256;

  /** The value as the document it is written as. */
  abstract Document toDocument(T value);

  /** The value of a document written by {@link #toDocument}. */
  abstract T fromDocument(Document document);

  @Override
  public int getMemory(T value) {
    return averageSize;
  }

  @Override
  public void write(WriteBuffer buffer, T value) {
    ByteBuf bson = Unpooled.buffer(averageSize + 16);
    try {
      BsonEncoder.encodeDocument(toDocument(value), bson);
    } catch (IllegalArgumentException notBson) {
      buffer.put(DEFAULT_FORM);
      defaultForm.write(buffer, value);
      return;
    }
    int size = bson.readableBytes();
    averageSize = (averageSize * 15 + size) / 16;
    buffer.put(BSON);
    buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T read(ByteBuffer buffer) {
    byte form = buffer.get();
    if (form == DEFAULT_FORM) {
      return (T) defaultForm.read(buffer);
    }
    if (form != BSON) {
      throw new IllegalStateException("The embedded store's file holds a value of an unknown form: " + form);
    }
    int start = buffer.position();
    int size = Integer.reverseBytes(buffer.getInt(start));
    ByteBuf bson = Unpooled.wrappedBuffer(buffer.duplicate().position(start).limit(start + size));
    T value = fromDocument(BsonDecoder.decodeBson(bson));
    buffer.position(start + size);
    return value;
  }
}
