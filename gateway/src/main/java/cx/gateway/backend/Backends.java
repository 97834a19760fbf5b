package cx.gateway.backend;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The gRPC channels to the services, one per backend name, created on first use from the
 * {@code spring.grpc.client.channel.<backend>} settings, and the deadline every call gets.
 */
public final class Backends implements AutoCloseable {

  private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final GrpcChannelFactory channels;
  private final Duration callTimeout;
  private final Map<String, ManagedChannel> open = new ConcurrentHashMap<>();

  public Backends(GrpcChannelFactory channels, Duration callTimeout) {
    this.channels = channels;
    this.callTimeout = callTimeout;
  }

  /** The channel to a backend ({@code profile}, {@code feedback} or {@code returns}). */
  public ManagedChannel channel(String backend) {
    return open.computeIfAbsent(backend, channels::createChannel);
  }

  /**
   * The channel to a backend, carrying the request's id and the caller's {@code Authorization}
   * value to the service with every call, so that the service checks the caller itself.
   */
  public Channel channel(String backend, String requestId, String authorization) {
    Metadata headers = new Metadata();
    headers.put(REQUEST_ID, requestId);
    headers.put(AUTHORIZATION, authorization);
    return ClientInterceptors.intercept(channel(backend), MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /**
   * Asks the channel to reconnect at once rather than after its back-off: called when a backend
   * was unavailable, so that a restarted service is used again by the next request.
   */
  public void reconnectSoon(String backend) {
    ManagedChannel channel = open.get(backend);
    if (channel != null) {
      channel.resetConnectBackoff();
    }
  }

  /** How long a call to a backend may take before the gateway gives up on it. */
  public Duration callTimeout() {
    return callTimeout;
  }

  @Override
  public void close() {
    open.values().forEach(ManagedChannel::shutdown);
  }
}
