package cx.runtime.failure;

import java.util.Map;

/**
 * Somebody else changed the resource since the caller read it. Nothing was written; the caller
 * re-reads and decides again.
 */
public final class ConcurrentUpdateException extends DomainFailure {

  public ConcurrentUpdateException(String resourceName) {
    super("VERSION_CONFLICT", resourceName + " was changed by another request; read it again and retry.");
  }

  /** With the version the resource has now, sent as {@code ErrorInfo.metadata["version"]}. */
  public ConcurrentUpdateException(String resourceName, long currentVersion) {
    super("VERSION_CONFLICT", resourceName + " was changed by another request; read it again and retry.",
        Map.of("version", Long.toString(currentVersion)));
  }
}
