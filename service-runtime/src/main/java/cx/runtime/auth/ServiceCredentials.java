package cx.runtime.auth;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Sends this process's service token with every call on a channel to another platform service,
 * unless the call already carries a bearer token. Add it to each channel a service opens to
 * another ({@code stub.withInterceptors(serviceCredentials)}).
 */
public final class ServiceCredentials implements ClientInterceptor {

  private final CallerTokens tokens;

  public ServiceCredentials(CallerTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        if (!headers.containsKey(CallerCheck.AUTHORIZATION)) {
          headers.put(CallerCheck.AUTHORIZATION, "Bearer " + tokens.serviceToken());
        }
        super.start(listener, headers);
      }
    };
  }
}
