package cx.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

class IndexKeyTypeTest {

  private final IndexKeyType type = new IndexKeyType();
  private final ObjectDataType defaultType = new ObjectDataType();

  @Test
  void twoKeysAreEqualExactlyWhenH2sDefaultTypeFindsThemEqual() {
    List<KeyValue> keys = keys(new Random(7), 300);
    for (KeyValue a : keys) {
      for (KeyValue b : keys) {
        assertThat(type.compare(a, b) == 0).as("%s vs %s", a, b).isEqualTo(defaultType.compare(a, b) == 0);
      }
    }
  }

  @Test
  void theOrderIsTotal() {
    List<KeyValue> keys = keys(new Random(11), 300);
    for (KeyValue a : keys) {
      for (KeyValue b : keys) {
        assertThat(Integer.signum(type.compare(a, b))).as("%s vs %s", a, b)
            .isEqualTo(-Integer.signum(type.compare(b, a)));
        for (KeyValue c : keys.subList(0, 40)) {
          if (type.compare(a, b) <= 0 && type.compare(b, c) <= 0) {
            assertThat(type.compare(a, c)).as("%s, %s, %s", a, b, c).isLessThanOrEqualTo(0);
          }
        }
      }
    }
  }

  @Test
  void valuesOfOneClassFollowTheirNaturalOrder() {
    assertThat(type.compare(new KeyValue("aa"), new KeyValue("b"))).isNegative();
    assertThat(type.compare(new KeyValue(2.0), new KeyValue(10.0))).isNegative();
    assertThat(type.compare(new KeyValue("x", 1), new KeyValue("x", 2))).isNegative();
    assertThat(type.compare(new KeyValue("x"), new KeyValue("x", 2))).isNegative();
  }

  @Test
  void decimalsEqualInValueButNotInScaleStayTwoKeys() {
    assertThat(type.compare(new KeyValue(new BigDecimal("1.0")), new KeyValue(new BigDecimal("1.00")))).isNotZero();
  }

  @Test
  void aKeyReadBackFromTheFileIsTheKeyWrittenAndComparesEqualToIt() {
    for (KeyValue key : keys(new Random(3), 200)) {
      WriteBuffer buffer = new WriteBuffer();
      type.write(buffer, key);
      type.write(buffer, key);
      ByteBuffer written = buffer.getBuffer().flip();
      for (int copy = 0; copy < 2; copy++) {
        KeyValue read = type.read(written);
        assertThat(read).as("%s", key).isEqualTo(key);
        assertThat(type.compare(read, key)).as("%s", key).isZero();
      }
      assertThat(written.hasRemaining()).isFalse();
    }
  }

  @Test
  void listsAndDocumentsCompareByTheirContentsWhateverClassHoldsThem() {
    assertThat(type.compare(new KeyValue(List.of(1, "l")), new KeyValue(new ArrayList<>(List.of(1, "l"))))).isZero();
    assertThat(type.compare(new KeyValue(List.of(1, "l")), new KeyValue(List.of(1, "m")))).isNegative();
    assertThat(type.compare(new KeyValue(new Document("a", 1).append("b", List.of(2))),
        new KeyValue(new Document("a", 1).append("b", new ArrayList<>(List.of(2)))))).isZero();
    // Field order matters, as it does to MongoDB.
    assertThat(type.compare(new KeyValue(new Document("a", 1).append("b", 2)),
        new KeyValue(new Document("b", 2).append("a", 1)))).isNotZero();
  }

  /** Keys of one to three values of mixed kinds, with deliberate repeats and near-repeats. */
  private static List<KeyValue> keys(Random random, int count) {
    List<KeyValue> keys = new ArrayList<>();
    while (keys.size() < count) {
      int size = 1 + random.nextInt(3);
      Object[] values = new Object[size];
      for (int i = 0; i < size; i++) {
        values[i] = value(random);
      }
      keys.add(new KeyValue(values));
      if (random.nextInt(4) == 0) {
        keys.add(new KeyValue(values.clone()));
      }
    }
    return keys;
  }

  private static Object value(Random random) {
    return switch (random.nextInt(11)) {
      case 0 -> "s" + "x".repeat(random.nextInt(3)) + random.nextInt(20);
      case 1 -> random.nextInt(5) - 2;
      case 2 -> (long) random.nextInt(5);
      case 3 -> random.nextInt(5) / 2.0;
      case 4 -> random.nextBoolean();
      case 5 -> Instant.ofEpochMilli(random.nextInt(3));
      case 6 -> new UUID(0, random.nextInt(3));
      case 7 -> new Document("a", random.nextInt(3));
      case 8 -> List.of(random.nextInt(2), "l");
      case 9 -> new BigDecimal(random.nextInt(3)).setScale(random.nextInt(2));
      default -> random.nextInt(6) == 0 ? new ObjectId(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) random.nextInt(2)})
          : "";
    };
  }
}
