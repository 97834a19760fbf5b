package cx.runtime.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.DomainFailure;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import cx.runtime.failure.PermissionDeniedException;
import cx.runtime.failure.UnauthenticatedException;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * The one place where a service's failures become gRPC statuses. Domain failures keep their
 * reason and, for bad input, their field violations; anything else is a bug, logged here with
 * an incident id and answered as {@code INTERNAL} carrying only that id, so that no exception
 * text, class name or store message ever reaches a client.
 */
public final class DomainFailureHandler implements GrpcExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DomainFailureHandler.class);

  private final String errorDomain;

  /** @param errorDomain the service's ErrorInfo domain, e.g. {@code returns.cx} */
  public DomainFailureHandler(String errorDomain) {
    this.errorDomain = errorDomain;
  }

  @Override
  public StatusException handleException(Throwable exception) {
    if (exception instanceof StatusException already) {
      return already;
    }
    if (exception instanceof StatusRuntimeException already) {
      return already.getStatus().asException(already.getTrailers());
    }
    if (exception instanceof DomainFailure failure) {
      return StatusProto.toStatusException(toStatus(failure));
    }
    String incident = UUID.randomUUID().toString();
    log.error("Unexpected failure, incident {}", incident, exception);
    return StatusProto.toStatusException(status(Code.INTERNAL,
        "The service failed unexpectedly; incident " + incident + ".", "INTERNAL_ERROR").build());
  }

  /**
   * The code a failure is answered with, worked out without side effects (nothing is logged), so
   * that the call log can name it before this handler answers.
   */
  public io.grpc.Status.Code codeOf(Throwable exception) {
    if (exception instanceof StatusException already) {
      return already.getStatus().getCode();
    }
    if (exception instanceof StatusRuntimeException already) {
      return already.getStatus().getCode();
    }
    return exception instanceof DomainFailure failure
        ? io.grpc.Status.fromCodeValue(codeOf(failure).getNumber()).getCode()
        : io.grpc.Status.Code.INTERNAL;
  }

  /** The {@code google.rpc.Status} a domain failure is answered with. */
  public Status toStatus(DomainFailure failure) {
    Status.Builder status = Status.newBuilder()
        .setCode(codeOf(failure).getNumber())
        .setMessage(failure.getMessage())
        .addDetails(Any.pack(ErrorInfo.newBuilder()
            .setReason(failure.reason())
            .setDomain(errorDomain)
            .putAllMetadata(failure.metadata())
            .build()));
    if (failure instanceof InvalidArgumentException invalid) {
      BadRequest.Builder badRequest = BadRequest.newBuilder();
      for (FieldViolation violation : invalid.violations()) {
        badRequest.addFieldViolationsBuilder()
            .setField(violation.field())
            .setDescription(violation.description());
      }
      status.addDetails(Any.pack(badRequest.build()));
    }
    return status.build();
  }

  private Status.Builder status(Code code, String message, String reason) {
    return Status.newBuilder()
        .setCode(code.getNumber())
        .setMessage(message)
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(errorDomain).build()));
  }

  private static Code codeOf(DomainFailure failure) {
    if (failure instanceof InvalidArgumentException) {
      return Code.INVALID_ARGUMENT;
    }
    if (failure instanceof NotFoundException) {
      return Code.NOT_FOUND;
    }
    if (failure instanceof AlreadyExistsException) {
      return Code.ALREADY_EXISTS;
    }
    if (failure instanceof FailedPreconditionException) {
      return Code.FAILED_PRECONDITION;
    }
    if (failure instanceof ConcurrentUpdateException) {
      return Code.ABORTED;
    }
    if (failure instanceof UnauthenticatedException) {
      return Code.UNAUTHENTICATED;
    }
    if (failure instanceof PermissionDeniedException) {
      return Code.PERMISSION_DENIED;
    }
    return Code.INTERNAL;
  }
}
