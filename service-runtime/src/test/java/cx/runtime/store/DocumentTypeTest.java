package cx.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class DocumentTypeTest {

  private final DocumentType type = new DocumentType();

  @Test
  void aDocumentOfEveryKindOfValueIsReadBackAsItWasWritten() {
    Document document = new Document("_id", "c-1")
        .append("text", "Grüße, 顧客")
        .append("int", 7)
        .append("long", 7L)
        .append("double", -0.5)
        .append("true", true)
        .append("nothing", null)
        .append("time", Instant.ofEpochMilli(1_780_304_400_123L))
        .append("objectId", new ObjectId())
        .append("uuid", UUID.randomUUID())
        .append("binary", new BinData(new byte[] {1, 2, 3}))
        .append("decimal", Decimal128.ONE)
        .append("nested", new Document("list", List.of(1, "two", new Document("three", 3.0))))
        .append("empty", List.of());

    assertThat(roundTrip(document)).isEqualTo(document);
  }

  @Test
  void aValueBsonCannotHoldIsKeptInH2sDefaultFormInstead() {
    Document document = new Document("_id", "c-2").append("decimal", new BigDecimal("1.50"))
        .append("legacy", new Date(7));

    assertThat(roundTrip(document)).isEqualTo(document);
  }

  @Test
  void theMemoryEstimateFollowsTheSizesWritten() {
    int before = type.getMemory(new Document());
    for (int i = 0; i < 100; i++) {
      type.write(new WriteBuffer(), new Document("_id", i).append("text", "x".repeat(4_000)));
    }
    assertThat(type.getMemory(new Document())).isGreaterThan(before).isBetween(3_000, 5_000);
  }

  private Document roundTrip(Document document) {
    WriteBuffer buffer = new WriteBuffer();
    type.write(buffer, document);
    type.write(buffer, new Document("_id", "after"));
    ByteBuffer written = buffer.getBuffer().flip();
    Document read = type.read(written);
    assertThat(type.read(written)).isEqualTo(new Document("_id", "after"));
    assertThat(written.hasRemaining()).isFalse();
    return read;
  }
}
