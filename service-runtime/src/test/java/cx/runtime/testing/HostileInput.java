package cx.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;

/** What an attacker would put in any name, id, filter or token, and how a service must answer it. */
public final class HostileInput {

  /** Query operators, a JavaScript predicate, {@code $}-prefixed keys and regex metacharacters. */
  public static final List<String> STRINGS = List.of("{\"$ne\": null}", "{\"$where\": \"sleep(1000)\"}", "$where",
      "$gt", ".*", "^", "(", "a|b", "[a-z]+", "\\", "\u0000");

  private HostileInput() {
  }

  /** The call fails with INVALID_ARGUMENT naming exactly this field. */
  public static void assertInvalid(Runnable call, String field) throws Exception {
    StatusRuntimeException e = GrpcCalls.failure(call);
    assertThat(e.getStatus().getCode()).as(e.getStatus().getDescription()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(GrpcCalls.violatedFields(e)).containsExactly(field);
  }
}
