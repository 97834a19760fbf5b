package cx.gateway.grpc;

import cx.gateway.backend.Backends;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * gRPC clients reach the services through the gateway too: a gRPC port (HTTP/2) that passes each
 * call of a {@code cx.<service>.v1} service to that service, message by message in both
 * directions, with the caller's metadata (bearer token, request id) and deadline. The service
 * checks the caller exactly as it does for a direct call; messages are passed as bytes, so any
 * method the contracts add later passes without a change here.
 */
public final class GrpcPassthrough implements SmartLifecycle {

  private static final Map<String, String> BACKENDS = Map.of(
      "cx.profile.v1.", "profile", "cx.feedback.v1.", "feedback", "cx.returns.v1.", "returns");
  /** Messages as they come: the pass-through neither parses nor re-encodes them. */
  static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private final Backends backends;
  private final int port;
  private final int maxMessageBytes;
  private volatile Server server;

  public GrpcPassthrough(Backends backends, int port, int maxMessageBytes) {
    this.backends = backends;
    this.port = port;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void start() {
    try {
      server = NettyServerBuilder.forPort(port)
          .maxInboundMessageSize(maxMessageBytes)
          .fallbackHandlerRegistry(new Registry())
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("the gateway's gRPC port " + port + " could not be opened", e);
    }
  }

  @Override
  public void stop() {
    Server running = server;
    if (running != null) {
      running.shutdown();
      try {
        if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
          running.shutdownNow();
        }
      } catch (InterruptedException e) {
        running.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return server != null && !server.isShutdown();
  }

  /** The port it listens on (the configured one, or the one chosen for port 0). */
  public int port() {
    return server.getPort();
  }

  /** Finds the backend of each method by its service's package. */
  private final class Registry extends HandlerRegistry {
    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String fullMethodName, String authority) {
      for (Map.Entry<String, String> backend : BACKENDS.entrySet()) {
        if (fullMethodName.startsWith(backend.getKey())) {
          MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
              .setType(MethodDescriptor.MethodType.UNKNOWN)
              .setFullMethodName(fullMethodName)
              .setRequestMarshaller(BYTES)
              .setResponseMarshaller(BYTES)
              .build();
          return ServerMethodDefinition.create(method, new Relay(backend.getValue()));
        }
      }
      return null;
    }
  }

  /** Relays one call to a backend and its answers back, honouring flow control both ways. */
  private final class Relay implements ServerCallHandler<byte[], byte[]> {
    private final String backend;

    Relay(String backend) {
      this.backend = backend;
    }

    @Override
    public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> serverCall, Metadata headers) {
      ClientCall<byte[], byte[]> clientCall = backends.channel(backend)
          .newCall(serverCall.getMethodDescriptor(), CallOptions.DEFAULT);
      clientCall.start(new ClientCall.Listener<>() {
        @Override
        public void onHeaders(Metadata answerHeaders) {
          serverCall.sendHeaders(answerHeaders);
        }

        @Override
        public void onMessage(byte[] message) {
          serverCall.sendMessage(message);
          if (serverCall.isReady()) {
            clientCall.request(1);
          }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
          if (status.getCode() == Status.Code.UNAVAILABLE) {
            backends.reconnectSoon(backend);
          }
          serverCall.close(status, trailers);
        }

        @Override
        public void onReady() {
          // The service can take more of the caller's messages.
          serverCall.request(1);
        }
      }, headers);
      serverCall.request(1);
      clientCall.request(1);
      return new ServerCall.Listener<>() {
        @Override
        public void onMessage(byte[] message) {
          clientCall.sendMessage(message);
          if (clientCall.isReady()) {
            serverCall.request(1);
          }
        }

        @Override
        public void onHalfClose() {
          clientCall.halfClose();
        }

        @Override
        public void onCancel() {
          clientCall.cancel("the caller cancelled", null);
        }

        @Override
        public void onReady() {
          // The caller can take more of the service's messages.
          clientCall.request(1);
        }
      };
    }
  }
}
