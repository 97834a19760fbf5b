package cx.feedback.domain;

import cx.runtime.failure.DomainFailure;

/**
 * A record reached the most of something it may hold, for example a complaint's 500 updates.
 * The caller may not retry the same change; it is answered as RESOURCE_EXHAUSTED.
 */
public final class UpdateLimitException extends DomainFailure {

  public UpdateLimitException(String reason, String message) {
    super(reason, message);
  }
}
