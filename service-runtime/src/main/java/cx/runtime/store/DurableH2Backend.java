package cx.runtime.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's H2 file backend, made to keep every acknowledged write.
 *
 * <p>H2's MVStore commits to its file about once a second on its own, so a process killed in
 * between would lose writes the client was told had succeeded. Here a command that changed
 * anything is not answered until a commit covers it. Concurrent writers share commits (group
 * commit): a writer that finds its change already covered by another's commit returns at once.
 *
 * <p>Each commit writes a new chunk to the file. Out of the box MVStore keeps the space of
 * replaced chunks for 45 seconds, trusting the operating system to have flushed their
 * successors to the disk by then; at a commit per write that is tens of thousands of chunks, and
 * the file grew to gigabytes for tens of megabytes of data. Here that space is reused as soon
 * as it is safe instead: every {@link #FLUSH_INTERVAL} the file is flushed to the disk, and only
 * chunks that the flushed version no longer needs may be overwritten. As far as the disk honours
 * a flush, the last flushed version therefore survives a power cut intact, and the file stays
 * within a small multiple of the live data.
 *
 * <p>A file whose unique indexes were written in H2's default key order is re-sorted once when
 * it is opened, index by index (see {@link IndexKeyType}).
 */
final class DurableH2Backend extends UniqueKeyH2Backend {

  /** How often the file is flushed to the disk, freeing the space the flushed version no longer needs. */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);

  private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

  /** The file's own facts about its format (a name no database's maps can start with). */
  private static final String FORMAT_MAP = "cx-embedded-store-format";
  private static final String INDEX_KEY_ORDER = "indexKeyOrder";
  private static final String VALUE_ORDER = "value";
  /** The suffix of an index's re-sorted copy until it replaces the index. */
  static final String RESORTING = ".resorting";

  private final Object commitLock = new Object();
  private long changesSeen;
  private long changesCommitted;

  private final ScheduledExecutorService flusher;
  private final Object flushLock = new Object();
  /** Keeps every chunk that the last version flushed to the disk refers to. */
  private MVStore.TxCounter flushedVersion;

  DurableH2Backend(String fileName) {
    this(fileName, FLUSH_INTERVAL);
  }

  /** A backend that flushes its file every {@code flushInterval}, and whenever {@link #flush()} is called. */
  DurableH2Backend(String fileName, Duration flushInterval) {
    super(withIndexKeysInValueOrder(MVStore.open(fileName)));
    MVStore store = getMvStore();
    store.setRetentionTime(0);
    store.sync();
    flushedVersion = store.registerVersionUsage();
    flusher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "embedded-store-flush");
      thread.setDaemon(true);
      return thread;
    });
    long interval = flushInterval.toMillis();
    flusher.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.MILLISECONDS);
  }

  /**
   * Re-sorts, once, every unique index of a file written before its keys were ordered by value.
   * Each index is copied into a new map, which then replaces it; a process killed half-way
   * leaves either the old map (copied again next time) or the full copy (renamed next time), and
   * the file is marked done only when every index is.
   */
  static MVStore withIndexKeysInValueOrder(MVStore store) {
    MVMap<String, String> format = store.openMap(FORMAT_MAP);
    if (VALUE_ORDER.equals(format.get(INDEX_KEY_ORDER))) {
      return store;
    }
    for (String name : List.copyOf(store.getMapNames())) {
      if (name.endsWith(RESORTING)) {
        String original = name.substring(0, name.length() - RESORTING.length());
        if (!store.hasMap(original)) {
          store.renameMap(openIndexMap(store, name), original);
        }
      }
    }
    int resorted = 0;
    for (String name : List.copyOf(store.getMapNames())) {
      if (name.contains(INDEX_MAP_INFIX) && !name.endsWith(RESORTING)) {
        if (store.hasMap(name + RESORTING)) {
          store.removeMap(name + RESORTING);
        }
        MVMap<Object, Object> unsorted = store.openMap(name);
        MVMap<KeyValue, Object> sorted = openIndexMap(store, name + RESORTING);
        unsorted.forEach((key, position) -> sorted.put((KeyValue) key, position));
        store.removeMap(unsorted);
        store.renameMap(sorted, name);
        store.commit();
        resorted++;
      }
    }
    format.put(INDEX_KEY_ORDER, VALUE_ORDER);
    store.commit();
    if (resorted > 0) {
      log.info("Re-sorted the keys of {} unique indexes of the embedded store's file by value", resorted);
    }
    return store;
  }

  @Override
  public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
    Document result = super.handleCommand(channel, databaseName, command, query);
    if (getMvStore().hasUnsavedChanges()) {
      awaitCommit();
    }
    return result;
  }

  private void awaitCommit() {
    long mine;
    synchronized (this) {
      mine = ++changesSeen;
    }
    synchronized (commitLock) {
      if (changesCommitted >= mine) {
        return;
      }
      long covered;
      synchronized (this) {
        covered = changesSeen;
      }
      commit();
      changesCommitted = covered;
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      // The next round tries again; until one succeeds, replaced chunks are only kept longer.
      log.warn("Flushing the embedded store's file failed", e);
    }
  }

  /**
   * Pins the newest version written to the file, flushes the file to the disk, and then lets go
   * of the version pinned by the previous flush, whose chunks are no longer needed to recover.
   */
  void flush() {
    synchronized (flushLock) {
      MVStore store = getMvStore();
      if (store.isClosed() || store.getCurrentVersion() == flushedVersion.version) {
        return;
      }
      MVStore.TxCounter[] written = new MVStore.TxCounter[1];
      // With the store's writers drained, the current version is wholly in the file.
      store.executeFilestoreOperation(() -> written[0] = store.registerVersionUsage());
      store.sync();
      MVStore.TxCounter previous = flushedVersion;
      flushedVersion = written[0];
      store.deregisterVersionUsage(previous);
    }
  }

  @Override
  public void close() {
    flusher.shutdown();
    try {
      if (!flusher.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("The embedded store's flusher did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Closing commits and flushes everything; no version needs to be kept for recovery then.
    synchronized (flushLock) {
      getMvStore().deregisterVersionUsage(flushedVersion);
    }
    super.close();
  }
}
