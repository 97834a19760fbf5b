package cx.runtime.store;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's H2 file backend, made to keep every acknowledged write.
 *
 * <p>H2's MVStore commits to its file about once a second on its own, so a process killed in
 * between would lose writes the client was told had succeeded. Here a command that changed
 * anything is not answered until a commit covers it. Concurrent writers share commits (group
 * commit): a writer that finds its change already covered by another's commit returns at once.
 */
final class DurableH2Backend extends UniqueKeyH2Backend {

  private final Object commitLock = new Object();
  private long changesSeen;
  private long changesCommitted;

  DurableH2Backend(String fileName) {
    super(MVStore.open(fileName));
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
}
