package cx.runtime.failure;

/**
 * The caller's role may never do this, whatever the resource ({@code ROLE_NOT_ALLOWED}). Where
 * the answer would reveal that another customer's resource exists, {@link NotFoundException} is
 * given instead.
 */
public final class PermissionDeniedException extends DomainFailure {
  public PermissionDeniedException(String reason, String message) {
    super(reason, message);
  }
}
