package cx.runtime.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's H2 backend, in memory or on file, whose unique indexes (the {@code _id}
 * one included) order their keys by value ({@link IndexKeyType}) and also serve filters that
 * contain an equality on their keys besides other conditions (see {@link NarrowingUniqueIndex}),
 * and whose documents are kept as BSON ({@link DocumentType}).
 */
class UniqueKeyH2Backend extends H2Backend {

  static final String INDEX_MAP_INFIX = "._index_";
  /** The prefix of the name of the H2 map that holds a collection's documents, as the H2 backend names it. */
  static final String DATA_MAP_PREFIX = "databases.";
  private static final String META_MAP_PREFIX = "meta.";

  UniqueKeyH2Backend(MVStore mvStore) {
    super(mvStore);
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new Database(databaseName, getMvStore(), getCursorRegistry());
  }

  /**
   * The name of the H2 map that holds a unique index: the one the H2 backend gives it, so that
   * dropping or renaming a collection finds its indexes.
   */
  static String indexMapName(String collectionNamespace, String indexName) {
    return collectionNamespace + INDEX_MAP_INFIX + indexName;
  }

  /** The map of a unique index, opened with keys ordered by value. */
  static MVMap<KeyValue, Object> openIndexMap(MVStore mvStore, String name) {
    return mvStore.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
  }

  /** The map of a collection's documents, opened with documents kept as BSON. */
  static MVMap<Object, Document> openDataMap(MVStore mvStore, String name) {
    return mvStore.openMap(name, new MVMap.Builder<Object, Document>().valueType(new DocumentType()));
  }

  /**
   * Opens every unique index, including those of collections found in the file, in the ways
   * above. An inner class: H2's database opens the collections it finds while it is being
   * constructed, before a field of its own could hold the store.
   */
  final class Database extends H2Database {

    Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
      super(databaseName, mvStore, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
        boolean sparse) {
      MVMap<KeyValue, Object> map = openIndexMap(getMvStore(),
          indexMapName(getFullCollectionNamespace(collectionName), indexName));
      return new NarrowingUniqueIndex(new KeyValueIndex(map, indexName, keys, sparse), keys, sparse);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
      String namespace = getFullCollectionNamespace(collectionName);
      MVMap<Object, Document> data = openDataMap(getMvStore(), DATA_MAP_PREFIX + namespace);
      MVMap<String, Object> meta = getMvStore().openMap(META_MAP_PREFIX + namespace);
      return new H2Collection(this, collectionName, options, data, meta, cursorRegistry);
    }
  }
}
