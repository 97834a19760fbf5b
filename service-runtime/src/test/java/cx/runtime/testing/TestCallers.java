package cx.runtime.testing;

import cx.common.v1.CallerRole;
import cx.runtime.auth.CallerCheck;
import cx.runtime.auth.CallerTokens;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.AbstractStub;
import java.time.Duration;

/**
 * Signs tests' calls as a given caller, with a token minted by the service's own
 * {@link CallerTokens}, so that the service checks it exactly as it checks a real caller's.
 */
public final class TestCallers {

  /** The subject of the agent tests call as unless they say otherwise. */
  public static final String AGENT = "agent-1";

  private TestCallers() {
  }

  /** An interceptor that presents a token of this role and subject. */
  public static ClientInterceptor as(CallerTokens tokens, CallerRole role, String subject) {
    return bearer(tokens.mint(role, subject, Duration.ofHours(1)));
  }

  /**
   * An interceptor that presents this token. Added on top of a stub that already calls as someone,
   * it takes their place: the interceptor added last runs first, and none replaces a token already
   * set.
   */
  public static ClientInterceptor bearer(String token) {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            if (!headers.containsKey(CallerCheck.AUTHORIZATION)) {
              headers.put(CallerCheck.AUTHORIZATION, "Bearer " + token);
            }
            super.start(listener, headers);
          }
        };
      }
    };
  }

  /** The stub calling as the default test agent. */
  public static <S extends AbstractStub<S>> S agent(S stub, CallerTokens tokens) {
    return stub.withInterceptors(as(tokens, CallerRole.CALLER_ROLE_AGENT, AGENT));
  }

  /** The stub calling as this customer. */
  public static <S extends AbstractStub<S>> S customer(S stub, CallerTokens tokens, String customerId) {
    return stub.withInterceptors(as(tokens, CallerRole.CALLER_ROLE_CUSTOMER, customerId));
  }

  /** The stub calling as a platform service (the internal RPCs). */
  public static <S extends AbstractStub<S>> S service(S stub, CallerTokens tokens) {
    return stub.withInterceptors(as(tokens, CallerRole.CALLER_ROLE_SERVICE, "test-platform"));
  }

  /** The stub calling as an admin. */
  public static <S extends AbstractStub<S>> S admin(S stub, CallerTokens tokens) {
    return stub.withInterceptors(as(tokens, CallerRole.CALLER_ROLE_ADMIN, "admin-1"));
  }
}
