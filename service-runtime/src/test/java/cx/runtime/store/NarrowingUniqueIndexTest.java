package cx.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which filters a unique index narrows to its keys: only those that require every key to equal
 * a plain value. Whether the narrowed answers are right is {@link FiltersOnAKeyTest}'s concern.
 */
class NarrowingUniqueIndexTest {

  private final H2Backend backend = new UniqueKeyH2Backend(MVStore.open(null));

  @AfterEach
  void close() {
    backend.close();
  }

  private NarrowingUniqueIndex index(String collection, List<IndexKey> keys, boolean sparse) {
    var database = (UniqueKeyH2Backend.Database) backend.resolveDatabase("db");
    return (NarrowingUniqueIndex) database.openOrCreateUniqueIndex(collection, "unique", keys, sparse);
  }

  private NarrowingUniqueIndex idIndex() {
    return index("things", List.of(new IndexKey("_id", true)), false);
  }

  private static Document filter(String key, Object value) {
    return new Document(key, value);
  }

  @Nested
  class ItNarrows {

    @Test
    void anIdEqualityBesideOtherConditions() {
      assertThat(idIndex().keyEqualities(filter("_id", "t-1").append("version", 3L)))
          .isEqualTo(filter("_id", "t-1"));
    }

    @Test
    void anIdEqualityInsideAnd() {
      Document query = filter("$and", List.of(filter("_id", "t-1"), filter("version", 3L)));

      assertThat(idIndex().keyEqualities(query)).isEqualTo(filter("_id", "t-1"));
    }

    @Test
    void anIdEqualityInsideNestedAndBesideOr() {
      Document query = filter("$and", List.of(filter("$and", List.of(filter("_id", 7), filter("n", 1))),
          filter("$or", List.of(filter("a", 1), filter("b", 2)))));

      assertThat(idIndex().keyEqualities(query)).isEqualTo(filter("_id", 7));
    }

    @Test
    void anExplicitEq() {
      assertThat(idIndex().keyEqualities(filter("_id", filter("$eq", "t-1")).append("version", 3L)))
          .isEqualTo(filter("_id", "t-1"));
    }

    @Test
    void aCompoundKeyWhenEveryFieldIsBound() {
      NarrowingUniqueIndex compound = index("pairs", List.of(new IndexKey("a", true), new IndexKey("b", true)), false);

      assertThat(compound.keyEqualities(filter("b", 2).append("a", "x").append("c", true)))
          .isEqualTo(filter("a", "x").append("b", 2));
      assertThat(compound.keyEqualities(filter("a", "x").append("c", true))).isNull();
    }

    @Test
    void aListOfIdsBesideOtherConditionsOrInsideAnd() {
      assertThat(idIndex().keyMembers(filter("_id", filter("$in", List.of("t-1", 7))).append("counted", false)))
          .containsExactly("t-1", 7);
      assertThat(idIndex().keyMembers(filter("$and", List.of(filter("_id", filter("$in", List.of("t-1"))),
          filter("v", 1))))).containsExactly("t-1");
    }

    @Test
    void aSparseIndexOnAPresentValue() {
      NarrowingUniqueIndex sparse = index("people", List.of(new IndexKey("email", true)), true);

      assertThat(sparse.keyEqualities(filter("email", "a@example.com").append("state", "ACTIVE")))
          .isEqualTo(filter("email", "a@example.com"));
    }
  }

  @Nested
  class ItLeavesToTheServer {

    @Test
    void aFilterWithoutTheKey() {
      assertThat(idIndex().keyEqualities(filter("version", 3L))).isNull();
    }

    @Test
    void anIdThatOnlyOneBranchOfAnOrRequires() {
      Document query = filter("$or", List.of(filter("_id", "t-1"), filter("version", 3L)));

      assertThat(idIndex().keyEqualities(query)).isNull();
    }

    @Test
    void anIdUnderNor() {
      assertThat(idIndex().keyEqualities(filter("$nor", List.of(filter("_id", "t-1"))))).isNull();
    }

    @Test
    void rangesAndOtherOperators() {
      assertThat(idIndex().keyEqualities(filter("_id", filter("$gt", "t")).append("v", 1))).isNull();
      assertThat(idIndex().keyEqualities(filter("_id", filter("$eq", "t").append("$ne", "u")).append("v", 1)))
          .isNull();
      assertThat(idIndex().keyEqualities(filter("_id", filter("$in", List.of("t"))).append("v", 1))).isNull();
    }

    @Test
    void aListOfIdsHoldingValuesWithMatchingRulesOfTheirOwnOrOnACompoundKey() {
      assertThat(idIndex().keyMembers(filter("_id", filter("$in", List.of("t", filter("k", 1)))).append("v", 1)))
          .isNull();
      assertThat(idIndex().keyMembers(filter("_id", filter("$in", List.of("t")).append("$ne", "u")).append("v", 1)))
          .isNull();
      NarrowingUniqueIndex compound = index("pairs", List.of(new IndexKey("a", true), new IndexKey("b", true)), false);
      assertThat(compound.keyMembers(filter("a", filter("$in", List.of("x"))).append("b", 2))).isNull();
    }

    @Test
    void valuesWithMatchingRulesOfTheirOwn() {
      NarrowingUniqueIndex ids = idIndex();

      assertThat(ids.keyEqualities(filter("_id", null).append("v", 1))).isNull();
      assertThat(ids.keyEqualities(filter("_id", List.of("a", "b")).append("v", 1))).isNull();
      assertThat(ids.keyEqualities(filter("_id", filter("k", "t")).append("v", 1))).isNull();
      assertThat(ids.keyEqualities(filter("_id", new BsonRegularExpression("^t", "")).append("v", 1))).isNull();
      assertThat(ids.keyEqualities(filter("_id", Double.NaN).append("v", 1))).isNull();
    }
  }

  @Test
  void indexesOpenedFromAnExistingFileNarrowToo(@TempDir Path directory) {
    try (EmbeddedMongoServer server = EmbeddedMongoServer.onDisk(directory, "db");
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<org.bson.Document> things = client.getDatabase("db").getCollection("things");
      things.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
      things.insertOne(new org.bson.Document("_id", "t-1").append("email", "a@example.com"));
    }

    UniqueKeyH2Backend reopened = new UniqueKeyH2Backend(MVStore.open(directory.resolve("db.mv").toString()));
    try {
      List<? extends Index<?>> indexes = reopened.resolveDatabase("db").resolveCollection("things", true).getIndexes();

      assertThat(indexes).hasSize(2).allMatch(NarrowingUniqueIndex.class::isInstance);
    } finally {
      reopened.close();
    }
  }
}
