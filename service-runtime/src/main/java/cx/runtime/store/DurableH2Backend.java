package cx.runtime.store;

import cx.runtime.store.CommandJournal.Entry;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's H2 file backend, made to keep every acknowledged write.
 *
 * <p>A command that may change the store is applied in memory and appended to a write-ahead
 * {@link CommandJournal} before it is answered. Every {@link #CHECKPOINT_INTERVAL} the store
 * commits what it holds to its file as one version, with the number of the journal segment that
 * follows it; on opening, the segments from that number on are applied again, in order. Since a
 * version is only ever committed with no command half-applied (a checkpoint waits for the
 * commands in flight, and H2's own commits are switched off), a recovered store is exactly the
 * state after the commands it answered.
 *
 * <p>Commands on one collection are applied and journalled one at a time, so the journal holds
 * them in the order they took effect; commands on different collections commute and run side by
 * side; a command that is not about one collection (dropping a database) runs alone.
 *
 * <p>This replaced a commit per write, which rewrote every page a write touched, with its
 * neighbours, each time: most of the store's time under load went into writing pages that were
 * rewritten again a moment later. A checkpoint writes a page once however often it changed.
 *
 * <p>Every {@link #FLUSH_INTERVAL} the file and the journal are flushed to the disk; the space of
 * replaced chunks is reused only once the flushed version no longer needs them, and journal
 * segments are deleted once a flushed checkpoint covers them. As far as the disk honours a
 * flush, the last flushed state therefore survives a power cut, and the file stays within a
 * small multiple of the live data.
 *
 * <p>A file whose unique indexes and collections were written in H2's default form is rewritten
 * once when it is opened ({@link StoreFileFormat}).
 */
final class DurableH2Backend extends UniqueKeyH2Backend {

  /** How often the file and the journal are flushed to the disk. */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);
  /** How often what the journal holds is committed to the file. */
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  /**
   * The page cache: H2's default of 16 MB held too little of a service's data, so look-ups
   * read pages back from the file.
   */
  static final int CACHE_MEGABYTES = 128;
  /** Smaller pages than H2's default of 16 KB: a checkpoint rewrites every page that changed. */
  private static final int PAGE_SPLIT_SIZE = 4096;

  /** Commands that never change the store: everything else is journalled. */
  private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections",
      "listindexes", "listdatabases", "hello", "ismaster", "ping", "buildinfo", "whatsmyuri", "serverstatus",
      "dbstats", "collstats", "killcursors", "endsessions", "getlasterror", "getlog", "getparameter",
      "getcmdlineopts", "hostinfo", "connectionstatus", "getfreemonitoringstatus", "explain", "validate");

  /**
   * Commands that change the one collection their first field names; any other command that
   * may change the store (renaming a collection, dropping a database) runs alone.
   */
  private static final Set<String> ON_ONE_COLLECTION = Set.of("insert", "update", "delete", "findandmodify",
      "createindexes", "dropindexes", "create", "drop", "collmod");

  private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

  private final CommandJournal journal;
  /** Held shared by every write, and alone by a checkpoint and by writes to no one collection. */
  private final ReentrantReadWriteLock checkpointLock = new ReentrantReadWriteLock();
  private final ConcurrentHashMap<String, Object> collectionLocks = new ConcurrentHashMap<>();
  private volatile boolean journalledSinceCheckpoint;
  /** The journal segment the last checkpoint's version starts replaying from. */
  private volatile long checkpointSegment;

  private final ScheduledExecutorService background;
  private final Object flushLock = new Object();
  /** Keeps every chunk that the last version flushed to the disk refers to. */
  private MVStore.TxCounter flushedVersion;

  DurableH2Backend(String fileName) {
    this(fileName, FLUSH_INTERVAL, CHECKPOINT_INTERVAL);
  }

  /**
   * A backend that flushes every {@code flushInterval} and checkpoints every
   * {@code checkpointInterval}, and whenever {@link #flush()} and {@link #checkpoint()} are called.
   */
  DurableH2Backend(String fileName, Duration flushInterval, Duration checkpointInterval) {
    super(StoreFileFormat.inCurrentFormat(new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MEGABYTES)
        .pageSplitSize(PAGE_SPLIT_SIZE).autoCommitDisabled().autoCommitBufferSize(0).open()));
    MVStore store = getMvStore();
    store.setRetentionTime(0);
    // H2's own commits stay off (a commit of its choosing could catch a command half-applied),
    // but its background writer is started, so that a checkpoint hands its pages to be written.
    store.setAutoCommitDelay(Integer.MAX_VALUE);
    Path base = Path.of(fileName);
    long from = StoreFileFormat.journalSegment(store).orElse(0L);
    List<Entry> entries = CommandJournal.recover(base, from);
    replay(entries);
    // A segment of its own for what follows, after those just applied again.
    long segment = CommandJournal.nextSegment(base, from);
    StoreFileFormat.recordJournalSegment(store, segment);
    store.commit();
    store.sync();
    journal = CommandJournal.open(base, segment);
    journal.deleteBefore(segment);
    checkpointSegment = segment;
    if (!entries.isEmpty()) {
      log.info("Recovered {} journalled writes into the embedded store", entries.size());
    }
    flushedVersion = store.registerVersionUsage();
    background = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "embedded-store-checkpoint");
      thread.setDaemon(true);
      return thread;
    });
    long checkpointMillis = checkpointInterval.toMillis();
    background.scheduleWithFixedDelay(() -> quietly("Checkpointing", this::checkpoint), checkpointMillis,
        checkpointMillis, TimeUnit.MILLISECONDS);
    long flushMillis = flushInterval.toMillis();
    background.scheduleWithFixedDelay(() -> quietly("Flushing", this::flush), flushMillis, flushMillis,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
    if (!mayWrite(command, query)) {
      return super.handleCommand(channel, databaseName, command, query);
    }
    String collection = ON_ONE_COLLECTION.contains(command.toLowerCase(Locale.ROOT))
        && query.get(command) instanceof String name ? name : null;
    Lock lock = collection != null ? checkpointLock.readLock() : checkpointLock.writeLock();
    lock.lock();
    try {
      Object collectionLock = collection != null
          ? collectionLocks.computeIfAbsent(databaseName + "." + collection, name -> new Object()) : this;
      synchronized (collectionLock) {
        try {
          return super.handleCommand(channel, databaseName, command, query);
        } finally {
          // Journalled as applied (the server fills in what the client left out, like new ids),
          // and whether or not it failed: applied again, it fails or succeeds in the same way.
          journal.append(new Entry(databaseName, command, query));
          journalledSinceCheckpoint = true;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private static boolean mayWrite(String command, Document query) {
    String name = command.toLowerCase(Locale.ROOT);
    if (name.equals("aggregate")) {
      return query.get("pipeline") instanceof List<?> stages && stages.stream()
          .anyMatch(stage -> stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
    }
    return !READS.contains(name);
  }

  /** Applies journalled commands again, in order, as they were first applied. */
  private void replay(List<Entry> entries) {
    EmbeddedChannel channel = new EmbeddedChannel();
    try {
      for (Entry entry : entries) {
        try {
          super.handleCommand(channel, entry.database(), entry.command(), entry.body());
        } catch (RuntimeException failedAsBefore) {
          log.debug("A journalled {} failed again when applied again", entry.command(), failedAsBefore);
        }
      }
    } finally {
      handleClose(channel);
      channel.close();
    }
  }

  /**
   * Commits what the store holds as one version and starts a new journal segment, with no
   * command half-applied. Only taking the version's pages waits for the commands in flight;
   * writing them to the file goes on beside new commands.
   */
  void checkpoint() {
    checkpointLock.writeLock().lock();
    try {
      MVStore store = getMvStore();
      if (!journalledSinceCheckpoint || store.isClosed()) {
        return;
      }
      long started = System.nanoTime();
      long current = journal.segment();
      StoreFileFormat.recordJournalSegment(store, current + 1);
      if (store.tryCommit() < 0) {
        // A flush holds the store: the next round commits.
        StoreFileFormat.recordJournalSegment(store, current);
        return;
      }
      journal.startSegment(current + 1);
      checkpointSegment = current + 1;
      journalledSinceCheckpoint = false;
      log.debug("Checkpointed the embedded store in {} ms", (System.nanoTime() - started) / 1_000_000);
    } finally {
      checkpointLock.writeLock().unlock();
    }
  }

  /**
   * Flushes the journal and the file to the disk, then lets go of what the flushed checkpoint
   * covers: the version pinned by the previous flush, whose chunks are no longer needed to
   * recover, and the journal segments before it.
   */
  void flush() {
    synchronized (flushLock) {
      journal.force();
      MVStore store = getMvStore();
      if (store.isClosed() || store.getCurrentVersion() == flushedVersion.version) {
        return;
      }
      long covered = checkpointSegment;
      MVStore.TxCounter[] written = new MVStore.TxCounter[1];
      // With the store's writers drained, the current version is wholly in the file.
      store.executeFilestoreOperation(() -> written[0] = store.registerVersionUsage());
      store.sync();
      MVStore.TxCounter previous = flushedVersion;
      flushedVersion = written[0];
      store.deregisterVersionUsage(previous);
      journal.deleteBefore(covered);
    }
  }

  private static void quietly(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      // The next round tries again; until one succeeds, the journal and replaced chunks are kept longer.
      log.warn("{} the embedded store failed", what, e);
    }
  }

  @Override
  public void close() {
    background.shutdown();
    try {
      if (!background.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("The embedded store's checkpoints did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    checkpoint();
    flush();
    // Closing commits and flushes everything; no version needs to be kept for recovery then.
    synchronized (flushLock) {
      getMvStore().deregisterVersionUsage(flushedVersion);
    }
    super.close();
    journal.close();
  }
}
