package cx.gateway.problem;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a gRPC failure into the problem an HTTP client sees. The code decides the HTTP
 * status; {@code ErrorInfo} and {@code BadRequest} details carry over; for codes that mean the
 * platform itself failed, the service's message is replaced by a generic one so that nothing
 * internal leaks.
 */
public final class GrpcProblems {

  private static final String GATEWAY_DOMAIN = "gateway.cx";

  private GrpcProblems() {
  }

  /** The problem for a failed call. */
  public static Problem of(StatusRuntimeException failure) {
    Status.Code code = failure.getStatus().getCode();
    int http = httpStatus(code);
    String detail = failure.getStatus().getDescription() == null ? "" : failure.getStatus().getDescription();
    String reason = code.name();
    String domain = GATEWAY_DOMAIN;
    List<Problem.Violation> violations = new ArrayList<>();
    com.google.rpc.Status status = StatusProto.fromThrowable(failure);
    if (status != null) {
      for (Any any : status.getDetailsList()) {
        try {
          if (any.is(ErrorInfo.class)) {
            ErrorInfo info = any.unpack(ErrorInfo.class);
            reason = info.getReason();
            domain = info.getDomain();
          } else if (any.is(BadRequest.class)) {
            for (BadRequest.FieldViolation violation : any.unpack(BadRequest.class).getFieldViolationsList()) {
              violations.add(new Problem.Violation(violation.getField(), violation.getDescription()));
            }
          }
        } catch (InvalidProtocolBufferException ignored) {
          // A malformed detail is dropped; the status code still tells the story.
        }
      }
    }
    switch (code) {
      case UNAVAILABLE -> {
        detail = "A service the request needs is unavailable; try again shortly.";
        reason = "SERVICE_UNAVAILABLE";
        domain = GATEWAY_DOMAIN;
      }
      case DEADLINE_EXCEEDED -> {
        detail = "A service the request needs did not answer in time.";
        reason = "DEADLINE_EXCEEDED";
        domain = GATEWAY_DOMAIN;
      }
      case UNKNOWN, DATA_LOSS -> {
        detail = "The request failed unexpectedly.";
        reason = "INTERNAL_ERROR";
        domain = GATEWAY_DOMAIN;
      }
      case INTERNAL -> {
        // The service's message carries only an incident id; keep it for support.
        if (status == null || status.getDetailsCount() == 0) {
          detail = "The request failed unexpectedly.";
        }
      }
      default -> {
      }
    }
    return new Problem(http, title(http), detail, reason, domain, violations);
  }

  /** The HTTP status for a gRPC code, as google.rpc.Code documents the mapping. */
  public static int httpStatus(Status.Code code) {
    return switch (code) {
      case OK -> 200;
      case INVALID_ARGUMENT, OUT_OF_RANGE -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, ABORTED -> 409;
      case FAILED_PRECONDITION -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case CANCELLED -> 499;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      default -> 500;
    };
  }

  /** The standard reason phrase of an HTTP status. */
  public static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 499 -> "Client Closed Request";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Internal Server Error";
    };
  }
}
