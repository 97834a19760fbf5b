package cx.runtime.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's H2 backend, in memory or on file, whose unique indexes (the {@code _id}
 * one included) also serve filters that contain an equality on their keys besides other
 * conditions (see {@link NarrowingUniqueIndex}).
 */
class UniqueKeyH2Backend extends H2Backend {

  UniqueKeyH2Backend(MVStore mvStore) {
    super(mvStore);
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new Database(databaseName, getMvStore(), getCursorRegistry());
  }

  /** Wraps every unique index it opens, including those of collections found in the file. */
  static final class Database extends H2Database {

    Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
      super(databaseName, mvStore, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
        boolean sparse) {
      return new NarrowingUniqueIndex(super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse), keys,
          sparse);
    }
  }
}
