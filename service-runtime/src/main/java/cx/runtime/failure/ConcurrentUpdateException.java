package cx.runtime.failure;

/**
 * Somebody else changed the resource since the caller read it. Nothing was written; the caller
 * re-reads and decides again.
 */
public final class ConcurrentUpdateException extends DomainFailure {
  public ConcurrentUpdateException(String resourceName) {
    super("VERSION_CONFLICT", resourceName + " was changed by another request; read it again and retry.");
  }
}
