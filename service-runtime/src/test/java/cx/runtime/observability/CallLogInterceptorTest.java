package cx.runtime.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.StringValue;
import cx.runtime.failure.NotFoundException;
import cx.runtime.grpc.DomainFailureHandler;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The call log: one line per call, with its outcome and request id, and nothing the caller sent. */
class CallLogInterceptorTest {

  private static final MethodDescriptor<StringValue, StringValue> ECHO = method("Echo");
  private static final MethodDescriptor<StringValue, StringValue> MISSING = method("Missing");

  private final AtomicReference<String> requestIdInHandler = new AtomicReference<>();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    ServerServiceDefinition service = ServerServiceDefinition.builder("test.Calls")
        .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
          requestIdInHandler.set(MDC.get(CallLogInterceptor.REQUEST_ID_KEY));
          response.onNext(request);
          response.onCompleted();
        }))
        .addMethod(MISSING, ServerCalls.asyncUnaryCall((request, response) -> {
          throw new NotFoundException("customers/" + request.getValue());
        }))
        .build();
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(service,
            new CallLogInterceptor(new DomainFailureHandler("test.cx")::codeOf)))
        .build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    lines.start();
    ((Logger) LoggerFactory.getLogger("cx.runtime.calls")).addAppender(lines);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger("cx.runtime.calls")).detachAppender(lines);
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void aCallIsLoggedOnceWithItsCodeAndRequestIdWhichItsHandlerSeesToo() {
    call(ECHO, "ada@example.com", "req-42");

    assertThat(messages()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("test.Calls/Echo OK ").endsWith(" ms request_id=req-42"));
    assertThat(requestIdInHandler.get()).isEqualTo("req-42");
    assertThat(MDC.get(CallLogInterceptor.REQUEST_ID_KEY)).isNull();
  }

  @Test
  void aCallThatThrowsIsLoggedWithTheCodeItIsAnsweredWithAndNothingItWasSent() {
    assertThatThrownBy(() -> call(MISSING, "ada@example.com", "req-43")).isInstanceOf(StatusRuntimeException.class);

    assertThat(messages()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("test.Calls/Missing NOT_FOUND ").doesNotContain("ada@example.com"));
  }

  @Test
  void anUnsafeRequestIdIsReplacedByAFreshOne() {
    call(ECHO, "x", "not safe: ada@example.com");

    assertThat(messages()).singleElement().satisfies(line -> assertThat(line)
        .doesNotContain("ada@example.com").containsPattern("request_id=[0-9a-f-]{36}$"));
  }

  private void call(MethodDescriptor<StringValue, StringValue> method, String value, String requestId) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), requestId);
    ClientCalls.blockingUnaryCall(
        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
        method, io.grpc.CallOptions.DEFAULT, StringValue.of(value));
  }

  private List<String> messages() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static MethodDescriptor<StringValue, StringValue> method(String name) {
    return MethodDescriptor.<StringValue, StringValue>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Calls", name))
        .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
        .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
        .build();
  }
}
