package cx.runtime.store;

import static cx.runtime.store.UniqueKeyH2Backend.DATA_MAP_PREFIX;
import static cx.runtime.store.UniqueKeyH2Backend.INDEX_MAP_INFIX;
import static cx.runtime.store.UniqueKeyH2Backend.openDataMap;
import static cx.runtime.store.UniqueKeyH2Backend.openIndexMap;

import java.util.List;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store file's own facts, in a map no database's maps can be named like: the form
 * its maps are written in, and the journal segment its last checkpoint covers up to.
 */
final class StoreFileFormat {

  private static final Logger log = LoggerFactory.getLogger(StoreFileFormat.class);

  private static final String FORMAT_MAP = "cx-embedded-store-format";
  /** Written by an earlier format, which ordered index keys by value but Java-serialised them. */
  private static final String INDEX_KEY_ORDER = "indexKeyOrder";
  private static final String VALUE_FORM = "valueForm";
  private static final String BSON = "bson";
  private static final String JOURNAL_SEGMENT = "journalSegment";
  /** The suffix of a map's rewritten copy until it replaces the map. */
  static final String REWRITING = ".rewriting";

  private StoreFileFormat() {
  }

  /** The first journal segment whose entries the file does not hold yet, if it was ever journalled. */
  static Optional<Long> journalSegment(MVStore store) {
    return Optional.ofNullable(store.<String, String>openMap(FORMAT_MAP).get(JOURNAL_SEGMENT)).map(Long::valueOf);
  }

  /** Records, for the next commit, that the file holds every entry of the segments before {@code segment}. */
  static void recordJournalSegment(MVStore store, long segment) {
    store.<String, String>openMap(FORMAT_MAP).put(JOURNAL_SEGMENT, Long.toString(segment));
  }

  /**
   * Rewrites, once, every unique index and every collection of a file written before index keys
   * were ordered by value and values kept as BSON (both written with H2's default type). Each
   * map is copied into a new one, which then replaces it; a process killed half-way leaves
   * either the old map (copied again next time) or the full copy (renamed next time), and the
   * file is marked done only when every map is.
   */
  static MVStore inCurrentFormat(MVStore store) {
    MVMap<String, String> format = store.openMap(FORMAT_MAP);
    if (BSON.equals(format.get(VALUE_FORM))) {
      return store;
    }
    for (String name : List.copyOf(store.getMapNames())) {
      if (name.endsWith(REWRITING)) {
        String original = name.substring(0, name.length() - REWRITING.length());
        if (!store.hasMap(original)) {
          store.renameMap(openInCurrentForm(store, name), original);
        }
      }
    }
    int rewritten = 0;
    for (String name : List.copyOf(store.getMapNames())) {
      if (!name.endsWith(REWRITING) && (isIndexMap(name) || isDataMap(name))) {
        if (store.hasMap(name + REWRITING)) {
          store.removeMap(name + REWRITING);
        }
        MVMap<Object, Object> old = store.openMap(name);
        MVMap<Object, Object> copy = openInCurrentForm(store, name + REWRITING);
        old.forEach(copy::put);
        store.removeMap(old);
        store.renameMap(copy, name);
        store.commit();
        rewritten++;
      }
    }
    format.put(VALUE_FORM, BSON);
    format.remove(INDEX_KEY_ORDER);
    store.commit();
    if (rewritten > 0) {
      log.info("Rewrote {} collections and unique indexes of the embedded store's file in the current format", rewritten);
    }
    return store;
  }

  private static boolean isIndexMap(String name) {
    return name.contains(INDEX_MAP_INFIX) && !isDataMap(name);
  }

  private static boolean isDataMap(String name) {
    return name.startsWith(DATA_MAP_PREFIX);
  }

  @SuppressWarnings("unchecked")
  private static MVMap<Object, Object> openInCurrentForm(MVStore store, String name) {
    String original = name.endsWith(REWRITING) ? name.substring(0, name.length() - REWRITING.length()) : name;
    return (MVMap<Object, Object>) (MVMap<?, ?>) (isDataMap(original) ? openDataMap(store, name) : openIndexMap(store, name));
  }
}
