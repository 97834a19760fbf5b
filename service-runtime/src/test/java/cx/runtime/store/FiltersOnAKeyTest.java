package cx.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Filters that hold an equality on {@code _id} or on a unique key besides other conditions are
 * answered through the key's index; these are the answers MongoDB gives, on both backends.
 */
@ParameterizedClass(name = "{0} backend")
@EnumSource(FiltersOnAKeyTest.Backend.class)
class FiltersOnAKeyTest {

  enum Backend { MEMORY, FILE }

  @Parameter
  Backend backend;

  @TempDir
  Path directory;

  private EmbeddedMongoServer server;
  private MongoClient client;
  private MongoCollection<Document> things;

  @BeforeEach
  void start() {
    server = backend == Backend.MEMORY ? EmbeddedMongoServer.inMemory() : EmbeddedMongoServer.onDisk(directory, "keys");
    client = MongoClients.create(server.connectionString());
    things = client.getDatabase("keys").getCollection("things");
    things.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
    things.insertMany(List.of(
        new Document("_id", "t-1").append("version", 3L).append("email", "a@example.com").append("state", "ACTIVE")
            .append("tags", List.of("red", "blue")),
        new Document("_id", "t-2").append("version", 1L).append("email", "b@example.com").append("state", "ACTIVE"),
        new Document("_id", 7).append("version", 1L).append("email", "c@example.com").append("state", "MERGED")));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static Bson at(Object id, long version) {
    return Filters.and(Filters.eq("_id", id), Filters.eq("version", version));
  }

  private Document stored(Object id) {
    return things.find(Filters.eq("_id", id)).first();
  }

  @Nested
  class ConditionalUpdates {

    @Test
    void anUpdateAtTheCurrentVersionChangesTheDocument() {
      UpdateResult result = things.updateOne(at("t-1", 3), Updates.set("version", 4L));

      assertThat(result.getMatchedCount()).isEqualTo(1);
      assertThat(result.getModifiedCount()).isEqualTo(1);
      assertThat(stored("t-1").getLong("version")).isEqualTo(4L);
    }

    @Test
    void anUpdateAtAStaleVersionChangesNothing() {
      UpdateResult result = things.updateOne(at("t-1", 2), Updates.set("version", 3L));

      assertThat(result.getMatchedCount()).isZero();
      assertThat(stored("t-1").getLong("version")).isEqualTo(3L);
    }

    @Test
    void anUpdateOfAnUnknownIdChangesNothing() {
      UpdateResult result = things.updateOne(at("t-9", 1), Updates.set("version", 2L));

      assertThat(result.getMatchedCount()).isZero();
      assertThat(things.countDocuments()).isEqualTo(3);
    }

    @Test
    void theFilterWrittenAsOneDocumentBehavesTheSameAsAnd() {
      assertThat(things.updateOne(new Document("_id", "t-1").append("version", 2L), Updates.set("version", 3L))
          .getMatchedCount()).isZero();
      assertThat(things.updateOne(new Document("_id", "t-1").append("version", 3L), Updates.set("version", 4L))
          .getModifiedCount()).isEqualTo(1);
    }

    @Test
    void anExplicitEqOnTheIdBehavesTheSame() {
      Bson stale = Filters.and(new Document("_id", new Document("$eq", "t-2")), Filters.eq("version", 0L));
      Bson current = Filters.and(new Document("_id", new Document("$eq", "t-2")), Filters.eq("version", 1L));

      assertThat(things.updateOne(stale, Updates.set("version", 2L)).getMatchedCount()).isZero();
      assertThat(things.updateOne(current, Updates.set("version", 2L)).getModifiedCount()).isEqualTo(1);
    }

    @Test
    void aReplaceAtTheCurrentVersionReplacesAndAtAStaleOneDoesNot() {
      Document next = new Document("_id", "t-1").append("version", 4L).append("email", "a@example.com");

      assertThat(things.replaceOne(at("t-1", 2), next).getMatchedCount()).isZero();
      assertThat(things.replaceOne(at("t-1", 3), next).getModifiedCount()).isEqualTo(1);
      assertThat(stored("t-1")).isEqualTo(next);
    }

    @Test
    void aNumericIdMatchesAcrossNumberTypesAsInMongoDb() {
      UpdateResult result = things.updateOne(at(7L, 1), Updates.set("version", 2L));

      assertThat(result.getModifiedCount()).isEqualTo(1);
      assertThat(stored(7).getLong("version")).isEqualTo(2L);
    }

    @Test
    void anUpsertAtAStaleVersionFailsOnTheIdLikeMongoDb() {
      assertThatThrownBy(() -> things.updateOne(at("t-1", 2), Updates.set("state", "X"), new UpdateOptions().upsert(true)))
          .isInstanceOfSatisfying(MongoWriteException.class,
              e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
      assertThat(stored("t-1").getString("state")).isEqualTo("ACTIVE");
    }

    @Test
    void anUpsertOfANewIdInsertsTheFiltersValues() {
      UpdateResult result = things.updateOne(at("t-9", 1), Updates.set("state", "NEW"), new UpdateOptions().upsert(true));

      assertThat(result.getUpsertedId()).isNotNull();
      assertThat(stored("t-9")).isEqualTo(new Document("_id", "t-9").append("version", 1L).append("state", "NEW"));
    }
  }

  @Nested
  class FindOneAndUpdate {

    private final FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    @Test
    void atTheCurrentVersionReturnsTheUpdatedDocument() {
      Document updated = things.findOneAndUpdate(at("t-1", 3),
          Updates.combine(Updates.set("version", 4L), Updates.set("writer", "w")), after);

      assertThat(updated).isNotNull();
      assertThat(updated.getLong("version")).isEqualTo(4L);
      assertThat(updated.getString("writer")).isEqualTo("w");
    }

    @Test
    void atTheCurrentVersionReturnsTheDocumentAsItWasWhenAskedFor() {
      Document before = things.findOneAndUpdate(at("t-2", 1), Updates.set("version", 2L));

      assertThat(before.getLong("version")).isEqualTo(1L);
      assertThat(stored("t-2").getLong("version")).isEqualTo(2L);
    }

    @Test
    void atAStaleVersionReturnsNothingAndChangesNothing() {
      assertThat(things.findOneAndUpdate(at("t-1", 2), Updates.set("version", 3L), after)).isNull();
      assertThat(stored("t-1").getLong("version")).isEqualTo(3L);
    }

    @Test
    void forAnUnknownIdReturnsNothing() {
      assertThat(things.findOneAndUpdate(at("t-9", 1), Updates.set("version", 2L), after)).isNull();
      assertThat(things.countDocuments()).isEqualTo(3);
    }

    @Test
    void withUpsertAtAStaleVersionFailsOnTheIdLikeMongoDb() {
      assertThatThrownBy(() -> things.findOneAndUpdate(at("t-1", 2), Updates.set("state", "X"),
          new FindOneAndUpdateOptions().upsert(true)))
          .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(11000));
      assertThat(stored("t-1").getString("state")).isEqualTo("ACTIVE");
    }

    @Test
    void withUpsertOfANewIdInsertsTheFiltersValues() {
      Document inserted = things.findOneAndUpdate(at("t-9", 0), Updates.set("version", 1L),
          new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));

      assertThat(inserted).isEqualTo(new Document("_id", "t-9").append("version", 1L));
    }

    @Test
    void aDeleteVariantRemovesOnlyAtTheCurrentVersion() {
      assertThat(things.findOneAndDelete(at("t-2", 0))).isNull();
      assertThat(things.findOneAndDelete(at("t-2", 1))).isNotNull();
      assertThat(stored("t-2")).isNull();
    }
  }

  @Nested
  class DeletesAndCounts {

    @Test
    void aDeleteAtAStaleVersionKeepsTheDocument() {
      assertThat(things.deleteOne(at("t-1", 2)).getDeletedCount()).isZero();
      assertThat(stored("t-1")).isNotNull();
    }

    @Test
    void aDeleteAtTheCurrentVersionRemovesIt() {
      assertThat(things.deleteOne(at("t-1", 3)).getDeletedCount()).isEqualTo(1);
      assertThat(stored("t-1")).isNull();
      assertThat(things.countDocuments()).isEqualTo(2);
    }

    @Test
    void aCountCountsOnlyAtTheCurrentVersion() {
      assertThat(things.countDocuments(at("t-1", 3))).isEqualTo(1);
      assertThat(things.countDocuments(at("t-1", 2))).isZero();
    }
  }

  @Nested
  class TheRestOfTheFilterStillApplies {

    @Test
    void aListOfIdsBesideOtherConditions() {
      assertThat(things.find(Filters.and(Filters.in("_id", List.of("t-1", "t-2", 7, "none")),
          Filters.eq("state", "ACTIVE"))).map(d -> d.get("_id")).into(new ArrayList<>()))
          .containsExactlyInAnyOrder("t-1", "t-2");
      assertThat(things.updateMany(Filters.and(Filters.in("_id", List.of("t-2", 7)), Filters.eq("version", 1L)),
          Updates.set("version", 2L)).getModifiedCount()).isEqualTo(2);
      assertThat(stored("t-1").getLong("version")).isEqualTo(3L);
    }

    @Test
    void anArrayConditionBesideTheId() {
      assertThat(things.find(Filters.and(Filters.eq("_id", "t-1"), Filters.eq("tags", "blue"))).first()).isNotNull();
      assertThat(things.find(Filters.and(Filters.eq("_id", "t-1"), Filters.eq("tags", "green"))).first()).isNull();
    }

    @Test
    void anOrBesideTheId() {
      Bson matching = Filters.and(Filters.eq("_id", "t-1"), Filters.or(Filters.eq("state", "GONE"), Filters.eq("version", 3L)));
      Bson notMatching = Filters.and(Filters.eq("_id", "t-1"), Filters.or(Filters.eq("state", "GONE"), Filters.eq("version", 9L)));

      assertThat(things.find(matching).first()).isNotNull();
      assertThat(things.find(notMatching).first()).isNull();
    }

    @Test
    void theIdInOnlyOneBranchOfAnOrStillFindsTheOtherBranch() {
      List<Document> found = things.find(Filters.or(Filters.eq("_id", "t-1"), Filters.eq("state", "MERGED")))
          .into(new java.util.ArrayList<>());

      assertThat(found).extracting(d -> d.get("_id")).containsExactlyInAnyOrder("t-1", 7);
    }

    @Test
    void aUniqueKeyBesideOtherConditions() {
      assertThat(things.find(Filters.and(Filters.eq("email", "a@example.com"), Filters.eq("state", "ACTIVE")))
          .first()).extracting(d -> d.get("_id")).isEqualTo("t-1");
      assertThat(things.find(Filters.and(Filters.eq("email", "a@example.com"), Filters.eq("state", "GONE")))
          .first()).isNull();
    }

    @Test
    void aConditionalUpdateKeyedByAUniqueField() {
      Bson stale = Filters.and(Filters.eq("email", "b@example.com"), Filters.eq("version", 0L));
      Bson current = Filters.and(Filters.eq("email", "b@example.com"), Filters.eq("version", 1L));

      assertThat(things.updateOne(stale, Updates.set("version", 2L)).getMatchedCount()).isZero();
      assertThat(things.updateOne(current, Updates.set("version", 2L)).getModifiedCount()).isEqualTo(1);
      assertThat(stored("t-2").getLong("version")).isEqualTo(2L);
    }

    @Test
    void anUpdateThatMovesTheUniqueKeyKeepsTheIndexRight() {
      things.updateOne(at("t-2", 1), Updates.combine(Updates.set("email", "d@example.com"), Updates.set("version", 2L)));

      assertThat(things.find(Filters.and(Filters.eq("email", "b@example.com"), Filters.eq("version", 2L))).first())
          .isNull();
      assertThat(things.find(Filters.and(Filters.eq("email", "d@example.com"), Filters.eq("version", 2L))).first())
          .extracting(d -> d.get("_id")).isEqualTo("t-2");
    }
  }
}
