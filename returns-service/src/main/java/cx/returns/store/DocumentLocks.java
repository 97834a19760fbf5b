package cx.returns.store;

import java.util.function.Supplier;

/**
 * Serialises conditional writes to one document within this process. The embedded store checks
 * a write's filter and applies its update in two steps, so two compare-and-set writes racing on
 * one document could both pass their filter; a real MongoDB makes every single-document write
 * atomic, and there the lock only costs some contention between this instance's own threads.
 */
final class DocumentLocks {

  private static final int STRIPES = 256;
  private static final Object[] LOCKS = new Object[STRIPES];

  static {
    for (int i = 0; i < STRIPES; i++) {
      LOCKS[i] = new Object();
    }
  }

  private DocumentLocks() {
  }

  /** Runs a conditional write to one document while no other thread here writes to it. */
  static <T> T write(String collection, String id, Supplier<T> write) {
    synchronized (LOCKS[Math.floorMod((collection + '\u0000' + id).hashCode(), STRIPES)]) {
      return write.get();
    }
  }
}
