package cx.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cx.gateway.backend.Backends;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.grpc.client.ChannelBuilderOptions;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The gateway's gRPC port refuses a message over its configured maximum with
 * {@code RESOURCE_EXHAUSTED} before anything reaches a service, and relays one under it.
 */
class GrpcPassthroughLimitTest {

  private static final int MAX_MESSAGE_BYTES = 16 * 1024;
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = GrpcPassthrough.BYTES;
  private static final MethodDescriptor<byte[], byte[]> GET_CUSTOMER = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("cx.profile.v1.ProfileService/GetCustomer")
      .setRequestMarshaller(BYTES)
      .setResponseMarshaller(BYTES)
      .build();

  private final String backendName = InProcessServerBuilder.generateName();
  private Server backend;
  private Backends backends;
  private GrpcPassthrough passthrough;
  private ManagedChannel client;
  private volatile int messagesReachingTheService;

  @BeforeEach
  void start() throws IOException {
    // A stand-in service that answers every call with the bytes it was sent.
    ServerCallHandler<byte[], byte[]> echo = ServerCalls.asyncUnaryCall((request, answer) -> {
      messagesReachingTheService++;
      answer.onNext(request);
      answer.onCompleted();
    });
    backend = InProcessServerBuilder.forName(backendName).fallbackHandlerRegistry(new HandlerRegistry() {
      @Override
      public ServerMethodDefinition<?, ?> lookupMethod(String method, String authority) {
        return ServerMethodDefinition.create(GET_CUSTOMER.toBuilder().setFullMethodName(method).build(), echo);
      }
    }).build().start();
    backends = new Backends(new GrpcChannelFactory() {
      @Override
      public boolean supports(String target) {
        return true;
      }

      @Override
      public ManagedChannel createChannel(String target, ChannelBuilderOptions options) {
        return InProcessChannelBuilder.forName(backendName).maxInboundMessageSize(64 * 1024 * 1024).build();
      }
    }, Duration.ofSeconds(5));
    passthrough = new GrpcPassthrough(backends, 0, MAX_MESSAGE_BYTES);
    passthrough.start();
    client = ManagedChannelBuilder.forAddress("127.0.0.1", passthrough.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    client.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    passthrough.stop();
    backends.close();
    backend.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private byte[] call(int size) {
    return ClientCalls.blockingUnaryCall(client, GET_CUSTOMER, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
        new byte[size]);
  }

  @Test
  void aMessageUnderTheMaximumIsRelayed() {
    assertThat(call(MAX_MESSAGE_BYTES - 64)).hasSize(MAX_MESSAGE_BYTES - 64);
    assertThat(messagesReachingTheService).isEqualTo(1);
  }

  /**
   * The gateway refuses the message with RESOURCE_EXHAUSTED and resets the stream. A client
   * still sending the message's last frame can see the reset before the status and report
   * CANCELLED instead (gRPC's transport gives no order between the two); so of several tries,
   * every one is refused with one of the two, at least one says RESOURCE_EXHAUSTED, and none
   * reaches the service.
   */
  @Test
  void aMessageOverTheMaximumIsResourceExhaustedAndReachesNoService() {
    List<Status.Code> codes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
          () -> call(MAX_MESSAGE_BYTES + 1));
      assertThat(refused).as("an over-size message must be refused").isNotNull();
      codes.add(refused.getStatus().getCode());
    }

    assertThat(codes).isSubsetOf(Status.Code.RESOURCE_EXHAUSTED, Status.Code.CANCELLED)
        .contains(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(messagesReachingTheService).isZero();
  }
}
