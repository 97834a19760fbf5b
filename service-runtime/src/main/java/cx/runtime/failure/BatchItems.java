package cx.runtime.failure;

import java.util.HashMap;
import java.util.Map;

/**
 * Failures of one request of a batch: the failure the request would have had on its own,
 * saying which request it was, so that a caller can find and fix it.
 */
public final class BatchItems {

  /** The ErrorInfo metadata key of the failing request's position in the batch, from 0. */
  public static final String REQUEST_INDEX = "request_index";

  private BatchItems() {
  }

  /**
   * {@code failure} as the failure of request {@code index} of a batch: the same code and reason,
   * {@value #REQUEST_INDEX} in its metadata, and field violations named as fields of
   * {@code requests[index]}.
   */
  public static DomainFailure failed(int index, DomainFailure failure) {
    Map<String, String> metadata = new HashMap<>(failure.metadata());
    metadata.put(REQUEST_INDEX, Integer.toString(index));
    String message = "Request " + index + " of the batch: " + failure.getMessage();
    if (failure instanceof InvalidArgumentException invalid) {
      return new InvalidArgumentException(invalid.reason(), invalid.violations().stream()
          .map(v -> new FieldViolation("requests[" + index + "]." + v.field(), v.description())).toList(), metadata);
    }
    if (failure instanceof NotFoundException) {
      return new NotFoundException(failure.reason(), message, metadata);
    }
    if (failure instanceof AlreadyExistsException) {
      return new AlreadyExistsException(failure.reason(), message, metadata);
    }
    if (failure instanceof FailedPreconditionException) {
      return new FailedPreconditionException(failure.reason(), message, metadata);
    }
    return failure;
  }
}
