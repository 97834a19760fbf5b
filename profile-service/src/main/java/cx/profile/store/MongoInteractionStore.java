package cx.profile.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import cx.profile.domain.Interaction;
import cx.profile.domain.InteractionDirection;
import cx.profile.domain.InteractionStore;
import cx.profile.domain.InteractionType;
import cx.profile.domain.NewInteraction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Touchpoints in MongoDB: {@code interactions} holds one document per interaction, keyed by its
 * id (derived from the caller's external id), so the unique {@code _id} makes recording
 * idempotent even under concurrent writers. A customer's interactions are listed through the
 * timeline, then read here by key.
 */
public final class MongoInteractionStore implements InteractionStore {

  private final MongoCollection<Document> interactions;

  public MongoInteractionStore(MongoDatabase database) {
    this.interactions = database.getCollection("interactions");
    // For erasure and exports on a real MongoDB; hot reads are by _id.
    interactions.createIndex(Indexes.ascending("customerId"), new IndexOptions().name("by_customer"));
  }

  @Override
  public Optional<Interaction> insertIfAbsent(Interaction interaction) {
    try {
      interactions.insertOne(toDocument(interaction));
      return Optional.empty();
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    return find(interaction.id());
  }

  @Override
  public Optional<Interaction> find(String id) {
    return Optional.ofNullable(interactions.find(Filters.eq("_id", id)).first()).map(MongoInteractionStore::toInteraction);
  }

  @Override
  public List<Interaction> findAll(Collection<String> ids) {
    List<Interaction> found = new ArrayList<>();
    interactions.find(Filters.in("_id", List.copyOf(ids))).forEach(d -> found.add(toInteraction(d)));
    return found;
  }

  /** Scans by customer (indexed on a real MongoDB): exports are rare and never on a hot path. */
  @Override
  public List<Interaction> findAllOf(Collection<String> customerIds) {
    List<Interaction> found = new ArrayList<>();
    interactions.find(Filters.in("customerId", List.copyOf(customerIds))).forEach(d -> found.add(toInteraction(d)));
    return found;
  }

  /** Scans by customer (indexed on a real MongoDB): erasure is rare and never on a hot path. */
  @Override
  public long deleteAllOf(Collection<String> customerIds) {
    return interactions.deleteMany(Filters.in("customerId", List.copyOf(customerIds))).getDeletedCount();
  }

  private static Document toDocument(Interaction interaction) {
    NewInteraction content = interaction.content();
    // Metadata keys are caller data: stored as pairs, never as field names.
    List<Document> metadata = new ArrayList<>();
    content.metadata().forEach((k, v) -> metadata.add(new Document("key", k).append("value", v)));
    return new Document("_id", interaction.id())
        .append("customerId", interaction.customerId())
        .append("externalId", content.externalId())
        .append("channel", content.channel())
        .append("type", content.type().name())
        .append("direction", content.direction().name())
        .append("summary", content.summary())
        .append("occurTime", Date.from(content.occurTime()))
        .append("durationNanos", content.duration().map(Duration::toNanos).orElse(null))
        .append("agent", content.agent())
        .append("metadata", metadata)
        .append("relatedResources", content.relatedResources())
        .append("fingerprint", interaction.contentFingerprint())
        .append("recordedBy", interaction.recordedBy())
        .append("createTime", Date.from(interaction.createTime()));
  }

  private static Interaction toInteraction(Document d) {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Document pair : d.getList("metadata", Document.class, List.of())) {
      metadata.put(pair.getString("key"), pair.getString("value"));
    }
    Number durationNanos = d.get("durationNanos", Number.class);
    NewInteraction content = new NewInteraction(d.getString("externalId"), d.getString("channel"),
        InteractionType.valueOf(d.getString("type")), InteractionDirection.valueOf(d.getString("direction")),
        d.getString("summary"), d.getDate("occurTime").toInstant(),
        Optional.ofNullable(durationNanos).map(n -> Duration.ofNanos(n.longValue())), d.getString("agent"), metadata,
        d.getList("relatedResources", String.class, List.of()));
    return new Interaction(d.getString("_id"), d.getString("customerId"), content, d.getString("fingerprint"),
        d.getString("recordedBy"), d.getDate("createTime").toInstant());
  }
}
