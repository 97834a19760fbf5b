package cx.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrpcProblemsTest {

  @Test
  void everyCodeMapsToItsHttpStatus() {
    Map<io.grpc.Status.Code, Integer> expected = Map.of(
        io.grpc.Status.Code.INVALID_ARGUMENT, 400,
        io.grpc.Status.Code.NOT_FOUND, 404,
        io.grpc.Status.Code.ALREADY_EXISTS, 409,
        io.grpc.Status.Code.ABORTED, 409,
        io.grpc.Status.Code.FAILED_PRECONDITION, 409,
        io.grpc.Status.Code.UNAUTHENTICATED, 401,
        io.grpc.Status.Code.PERMISSION_DENIED, 403,
        io.grpc.Status.Code.RESOURCE_EXHAUSTED, 429,
        io.grpc.Status.Code.UNAVAILABLE, 503,
        io.grpc.Status.Code.DEADLINE_EXCEEDED, 504);
    expected.forEach((code, http) -> assertThat(GrpcProblems.httpStatus(code)).as(code.name()).isEqualTo(http));
  }

  @Test
  void reasonAndFieldViolationsCarryOver() {
    Status status = Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE).setMessage("customer.identities[0].value: bad")
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("INVALID_ARGUMENT").setDomain("profile.cx").build()))
        .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
            .setField("customer.identities[0].value").setDescription("is not an email address")).build()))
        .build();

    Problem problem = GrpcProblems.of(StatusProto.toStatusRuntimeException(status));

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.reason()).isEqualTo("INVALID_ARGUMENT");
    assertThat(problem.domain()).isEqualTo("profile.cx");
    assertThat(problem.violations()).containsExactly(
        new Problem.Violation("customer.identities[0].value", "is not an email address"));
  }

  @Test
  void transportFailuresNeverLeakTheirText() {
    Problem problem = GrpcProblems.of(io.grpc.Status.UNAVAILABLE
        .withDescription("io exception: Connection refused: localhost/127.0.0.1:9091").asRuntimeException());

    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.detail()).doesNotContain("9091").doesNotContain("exception");
    assertThat(problem.toJson("/v1/x", "req-1")).contains("\"requestId\":\"req-1\"").contains("\"status\":503");
  }

  @Test
  void anUnknownErrorBecomesAGenericInternalProblem() {
    Problem problem = GrpcProblems.of(io.grpc.Status.UNKNOWN
        .withDescription("java.lang.NullPointerException at cx.Something").asRuntimeException());

    assertThat(problem.status()).isEqualTo(500);
    assertThat(problem.detail()).doesNotContain("NullPointer");
  }
}
