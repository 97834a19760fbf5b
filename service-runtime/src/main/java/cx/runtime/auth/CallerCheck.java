package cx.runtime.auth;

import com.google.protobuf.Message;
import cx.access.AccessRule;
import cx.common.v1.CallerRole;
import cx.runtime.failure.DomainFailure;
import cx.runtime.failure.NotFoundException;
import cx.runtime.failure.PermissionDeniedException;
import cx.runtime.failure.UnauthenticatedException;
import cx.runtime.grpc.DomainFailureHandler;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusException;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import java.util.Set;

/**
 * Admits a call only from a caller with valid credentials whom the method's contract lets in:
 * the bearer token in the {@code authorization} metadata must verify, the method's
 * {@code (cx.common.v1.access)} option must admit the caller's role, and a customer may name only
 * their own profile. It decides before the service sees the request, so authorisation always
 * comes before validation; health and reflection stay open to probes and tools.
 */
public final class CallerCheck implements ServerInterceptor {

  /** The metadata key of the bearer token. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final String BEARER = "Bearer ";
  private static final Set<String> OPEN_SERVICES = Set.of("grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

  private final CallerTokens tokens;
  private final DomainFailureHandler failures;

  public CallerCheck(CallerTokens tokens, DomainFailureHandler failures) {
    this.tokens = tokens;
    this.failures = failures;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
      return next.startCall(call, headers);
    }
    if (!(call.getMethodDescriptor().getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier method)) {
      return refuse(call, new PermissionDeniedException("ROLE_NOT_ALLOWED",
          "This method is not open to callers."));
    }
    String authorization = headers.get(AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return refuse(call, new UnauthenticatedException("CREDENTIALS_MISSING",
          "The call carries no bearer token."));
    }
    Caller caller;
    try {
      caller = tokens.verify(authorization.substring(BEARER.length()).trim());
    } catch (InvalidCredentialsException invalid) {
      return refuse(call, new UnauthenticatedException("CREDENTIALS_INVALID",
          invalid.getMessage()));
    }
    AccessRule rule = AccessRule.of(method.getMethodDescriptor());
    if (!rule.admits(caller.role())) {
      return refuse(call, new PermissionDeniedException("ROLE_NOT_ALLOWED",
          "The role " + CallerTokens.nameOf(caller.role()) + " may not call " + method.getMethodDescriptor().getName() + "."));
    }
    ServerCall.Listener<Q> admitted = Contexts.interceptCall(Context.current().withValue(Callers.KEY, caller),
        call, headers, next);
    if (caller.role() != CallerRole.CALLER_ROLE_CUSTOMER) {
      return admitted;
    }
    return new OwnRecordsOnly<>(admitted, call, rule, caller);
  }

  private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, DomainFailure failure) {
    close(call, failure);
    return new ServerCall.Listener<>() {
    };
  }

  private void close(ServerCall<?, ?> call, DomainFailure failure) {
    StatusException refusal = failures.handleException(failure);
    call.close(refusal.getStatus(), refusal.getTrailers() == null ? new Metadata() : refusal.getTrailers());
  }

  /** Passes a customer's request on only when every customer it names is the caller. */
  private final class OwnRecordsOnly<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
    private final ServerCall<Q, R> call;
    private final AccessRule rule;
    private final Caller caller;
    private boolean refused;

    OwnRecordsOnly(ServerCall.Listener<Q> delegate, ServerCall<Q, R> call, AccessRule rule, Caller caller) {
      super(delegate);
      this.call = call;
      this.rule = rule;
      this.caller = caller;
    }

    @Override
    public void onMessage(Q message) {
      if (refused) {
        return;
      }
      Message request = (Message) message;
      switch (rule.decide(caller.role(), caller.subject(), request)) {
        case ALLOWED -> super.onMessage(message);
        case ROLE_NOT_ALLOWED -> {
          refused = true;
          close(call, new PermissionDeniedException("ROLE_NOT_ALLOWED",
              "A customer may only name their own profile."));
        }
        case NOT_THEIRS -> {
          refused = true;
          String foreign = AccessRule.customersNamed(request).stream()
              .filter(id -> !id.equals(caller.subject())).findFirst().orElseThrow();
          close(call, new NotFoundException("customers/" + foreign));
        }
      }
    }

    @Override
    public void onHalfClose() {
      if (!refused) {
        super.onHalfClose();
      }
    }
  }
}
