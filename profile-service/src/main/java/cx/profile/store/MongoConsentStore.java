package cx.profile.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import cx.profile.domain.Actor;
import cx.profile.domain.ActorRole;
import cx.profile.domain.ConsentChange;
import cx.profile.domain.ConsentChangeCause;
import cx.profile.domain.ConsentChannel;
import cx.profile.domain.ConsentDecision;
import cx.profile.domain.ConsentMerge;
import cx.profile.domain.ConsentPurpose;
import cx.profile.domain.ConsentStatus;
import cx.profile.domain.ConsentStore;
import cx.profile.domain.CustomerConsents;
import cx.profile.domain.PendingConsentWrite;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Consent books in MongoDB.
 *
 * <p>{@code consents} holds one document per customer, keyed by the customer id, with the
 * current decisions, the merges that changed them and any unfinished write: reading a
 * customer's consents is one read by key. {@code consent_changes} holds the history, one
 * append-only document per entry keyed {@code customerId:sequence}; the book knows how many
 * entries there are, so a customer's whole history is read by key with one {@code $in}.
 */
public final class MongoConsentStore implements ConsentStore {

  private static final int KEYS_PER_QUERY = 1000;

  private final MongoCollection<Document> books;
  private final MongoCollection<Document> history;

  public MongoConsentStore(MongoDatabase database) {
    this.books = database.getCollection("consents");
    this.history = database.getCollection("consent_changes");
  }

  @Override
  public Optional<CustomerConsents> find(String customerId) {
    return Optional.ofNullable(books.find(Filters.eq("_id", customerId)).first()).map(MongoConsentStore::toBook);
  }

  @Override
  public List<CustomerConsents> findAll(Collection<String> customerIds) {
    List<CustomerConsents> found = new ArrayList<>();
    books.find(Filters.in("_id", List.copyOf(customerIds))).forEach(d -> found.add(toBook(d)));
    return found;
  }

  @Override
  public boolean save(CustomerConsents consents, long expectedVersion) {
    Document document = toDocument(consents);
    if (expectedVersion == 0) {
      try {
        books.insertOne(document);
        return true;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        return false;
      }
    }
    return books.replaceOne(Filters.and(Filters.eq("_id", consents.customerId()), Filters.eq("version", expectedVersion)),
        document).getMatchedCount() == 1;
  }

  @Override
  public void clearPending(String customerId, String operationId) {
    books.updateOne(Filters.and(Filters.eq("_id", customerId), Filters.eq("pending.operationId", operationId)),
        Updates.unset("pending"));
  }

  @Override
  public void appendHistory(List<ConsentChange> entries) {
    for (ConsentChange entry : entries) {
      try {
        history.insertOne(toDocument(entry));
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
    }
  }

  @Override
  public List<ConsentChange> history(Collection<CustomerConsents> consentBooks) {
    List<String> keys = new ArrayList<>();
    for (CustomerConsents book : consentBooks) {
      for (long sequence = 1; sequence <= book.historyLength(); sequence++) {
        keys.add(book.customerId() + ":" + sequence);
      }
    }
    List<ConsentChange> entries = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
      history.find(Filters.in("_id", keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY))))
          .forEach(d -> entries.add(toChange(d)));
    }
    return entries;
  }

  @Override
  public ErasedConsents eraseAll(Collection<String> customerIds) {
    long decisions = 0;
    long entries = 0;
    for (CustomerConsents book : findAll(customerIds)) {
      List<String> keys = new ArrayList<>();
      for (long sequence = 1; sequence <= book.historyLength(); sequence++) {
        keys.add(book.customerId() + ":" + sequence);
      }
      for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
        entries += history.deleteMany(Filters.in("_id", keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY))))
            .getDeletedCount();
      }
      // The book goes last, so that an interrupted erasure still knows which history to delete.
      decisions += book.current().size();
      books.deleteOne(Filters.eq("_id", book.customerId()));
    }
    return new ErasedConsents(decisions, entries);
  }

  private static Document toDocument(CustomerConsents book) {
    List<Document> merges = new ArrayList<>();
    for (ConsentMerge merge : book.merges()) {
      List<Document> changes = new ArrayList<>();
      for (ConsentMerge.PairChange change : merge.changes()) {
        changes.add(new Document("pair", change.pair())
            .append("before", change.before() == null ? null : toDocument(change.before()))
            .append("after", toDocument(change.after())));
      }
      merges.add(new Document("mergeId", merge.mergeId()).append("loserId", merge.loserId())
          .append("undone", merge.undone()).append("changes", changes));
    }
    Document document = new Document("_id", book.customerId())
        .append("version", book.version())
        .append("historyLength", book.historyLength())
        .append("current", book.decisions().stream().map(MongoConsentStore::toDocument).toList())
        .append("recentOperations", book.recentOperations())
        .append("merges", merges);
    book.pending().ifPresent(p -> document.append("pending", new Document("operationId", p.operationId())
        .append("cause", p.cause().name())
        .append("actorRole", p.actor().role().name())
        .append("actorSubject", p.actor().subject())
        .append("time", Date.from(p.time()))
        .append("entries", p.entries().stream().map(MongoConsentStore::toDocument).toList())));
    return document;
  }

  private static CustomerConsents toBook(Document d) {
    Map<String, ConsentDecision> current = new LinkedHashMap<>();
    for (Document decision : d.getList("current", Document.class, List.of())) {
      ConsentDecision parsed = toDecision(decision);
      current.put(parsed.pair(), parsed);
    }
    List<ConsentMerge> merges = new ArrayList<>();
    for (Document merge : d.getList("merges", Document.class, List.of())) {
      List<ConsentMerge.PairChange> changes = new ArrayList<>();
      for (Document change : merge.getList("changes", Document.class, List.of())) {
        Document before = change.get("before", Document.class);
        changes.add(new ConsentMerge.PairChange(change.getString("pair"), before == null ? null : toDecision(before),
            toDecision(change.get("after", Document.class))));
      }
      merges.add(new ConsentMerge(merge.getString("mergeId"), merge.getString("loserId"),
          merge.getBoolean("undone", false), changes));
    }
    Optional<PendingConsentWrite> pending = Optional.ofNullable(d.get("pending", Document.class))
        .map(p -> new PendingConsentWrite(p.getString("operationId"),
            ConsentChangeCause.valueOf(p.getString("cause")),
            new Actor(ActorRole.valueOf(p.getString("actorRole")), p.getString("actorSubject")),
            p.getDate("time").toInstant(),
            p.getList("entries", Document.class, List.of()).stream().map(MongoConsentStore::toChange).toList()));
    return new CustomerConsents(d.getString("_id"), current, d.get("version", Number.class).longValue(),
        d.get("historyLength", Number.class).longValue(), d.getList("recentOperations", String.class, List.of()),
        merges, pending);
  }

  private static Document toDocument(ConsentDecision decision) {
    return new Document("purpose", decision.purpose().name())
        .append("channel", decision.channel().name())
        .append("status", decision.status().name())
        .append("sourceChannel", decision.sourceChannel())
        .append("sourceDescription", decision.sourceDescription())
        .append("recordedBy", decision.recordedBy())
        .append("decideTime", Date.from(decision.decideTime()))
        .append("recordTime", Date.from(decision.recordTime()));
  }

  private static ConsentDecision toDecision(Document d) {
    return new ConsentDecision(ConsentPurpose.valueOf(d.getString("purpose")),
        ConsentChannel.valueOf(d.getString("channel")), ConsentStatus.valueOf(d.getString("status")),
        d.getString("sourceChannel"), d.getString("sourceDescription"), d.getString("recordedBy"),
        d.getDate("decideTime").toInstant(), d.getDate("recordTime").toInstant());
  }

  private static Document toDocument(ConsentChange change) {
    return new Document("_id", change.customerId() + ":" + change.sequence())
        .append("id", change.id())
        .append("customerId", change.customerId())
        .append("sequence", change.sequence())
        .append("operationId", change.operationId())
        .append("decision", toDocument(change.decision()))
        .append("previousStatus", change.previousStatus().name())
        .append("cause", change.cause().name())
        .append("mergeId", change.mergeId());
  }

  private static ConsentChange toChange(Document d) {
    return new ConsentChange(d.getString("id"), d.getString("customerId"), d.get("sequence", Number.class).longValue(),
        d.getString("operationId"), toDecision(d.get("decision", Document.class)),
        ConsentStatus.valueOf(d.getString("previousStatus")), ConsentChangeCause.valueOf(d.getString("cause")),
        d.getString("mergeId"));
  }
}
