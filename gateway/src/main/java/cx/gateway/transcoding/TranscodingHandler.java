package cx.gateway.transcoding;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import cx.gateway.backend.Backends;
import cx.gateway.backend.GrpcFutures;
import cx.gateway.problem.GrpcProblems;
import cx.gateway.problem.Problem;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves every REST mapping of the contracts: finds the RPC a request maps to, builds its
 * request message, calls the service over gRPC with a deadline and the caller's request id,
 * and answers with the response as proto3 JSON, or with a problem+json body when anything
 * fails.
 */
public final class TranscodingHandler {

  /** The header (and gRPC metadata key) that carries a request's id end to end. */
  public static final String REQUEST_ID_HEADER = "x-request-id";

  private static final Logger log = LoggerFactory.getLogger(TranscodingHandler.class);
  private static final Metadata.Key<String> REQUEST_ID =
      Metadata.Key.of(REQUEST_ID_HEADER, Metadata.ASCII_STRING_MARSHALLER);
  private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private final ContractCatalog catalog;
  private final Backends backends;
  private final JsonFormat.Printer printer = JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();
  private final Map<String, MethodDescriptor<DynamicMessage, DynamicMessage>> methods = new ConcurrentHashMap<>();

  public TranscodingHandler(ContractCatalog catalog, Backends backends) {
    this.catalog = catalog;
    this.backends = backends;
  }

  /** Handles one REST request. */
  public Mono<ServerResponse> handle(ServerRequest request) {
    String requestId = requestId(request);
    String path = request.uri().getRawPath();
    ContractCatalog.Lookup lookup = catalog.lookup(request.method().name(), path);
    if (lookup instanceof ContractCatalog.Lookup.NotMapped) {
      return problem(new Problem(404, "Not Found", "No API resource is served at this path.",
          "PATH_NOT_MAPPED", "gateway.cx", List.of()), path, requestId);
    }
    if (lookup instanceof ContractCatalog.Lookup.MethodNotAllowed notAllowed) {
      return problem(new Problem(405, "Method Not Allowed",
          "This path accepts " + String.join(", ", notAllowed.allowed()) + ".",
          "METHOD_NOT_ALLOWED", "gateway.cx", List.of()), path, requestId);
    }
    ContractCatalog.Match match = ((ContractCatalog.Lookup.Found) lookup).match();
    // Request metrics per REST route: the contract's template, not the catch-all /v1/**.
    ServerRequestObservationContext.findCurrent(request.exchange().getAttributes())
        .ifPresent(observed -> observed.setPathPattern(match.binding().path().toString()));
    return request.bodyToMono(byte[].class)
        .defaultIfEmpty(new byte[0])
        .flatMap(body -> call(match, request, body, requestId))
        .onErrorResume(DataBufferLimitException.class, e -> problem(new Problem(413, "Content Too Large",
            "The request body is larger than the gateway accepts.", "BODY_TOO_LARGE", "gateway.cx", List.of()),
            path, requestId));
  }

  private Mono<ServerResponse> call(ContractCatalog.Match match, ServerRequest request, byte[] body, String requestId) {
    String path = request.uri().getRawPath();
    HttpBinding binding = match.binding();
    if (body.length > 0 && !isJson(request)) {
      return problem(new Problem(415, "Unsupported Media Type", "Send the body as application/json.",
          "UNSUPPORTED_MEDIA_TYPE", "gateway.cx", List.of()), path, requestId);
    }
    DynamicMessage message;
    try {
      message = RequestMapper.toRequest(match, request.queryParams(), body);
    } catch (BadHttpRequestException e) {
      return problem(new Problem(400, "Bad Request", e.field() + ": " + e.getMessage(), "INVALID_ARGUMENT",
          "gateway.cx", List.of(new Problem.Violation(e.field(), e.getMessage()))), path, requestId);
    }
    Metadata headers = new Metadata();
    headers.put(REQUEST_ID, requestId);
    CallOptions options = CallOptions.DEFAULT
        .withDeadlineAfter(backends.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
    Channel channel = ClientInterceptors.intercept(backends.channel(binding.backend()),
        MetadataUtils.newAttachHeadersInterceptor(headers));
    return Mono.fromFuture(() -> GrpcFutures.toCompletable(ClientCalls.futureUnaryCall(
            channel.newCall(methodDescriptor(binding), options), message)))
        .flatMap(response -> ServerResponse.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .header(REQUEST_ID_HEADER, requestId)
            .bodyValue(print(response, binding)))
        .onErrorResume(StatusRuntimeException.class, e -> {
          if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
            backends.reconnectSoon(binding.backend());
          }
          return problem(GrpcProblems.of(e), path, requestId);
        });
  }

  private String print(DynamicMessage response, HttpBinding binding) {
    Message body = response;
    try {
      if (!binding.responseBody().isEmpty()) {
        FieldDescriptor field = response.getDescriptorForType().findFieldByName(binding.responseBody());
        Object value = response.getField(field);
        if (value instanceof Message nested) {
          body = nested;
        }
      }
      return printer.print(body);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a response could not be printed as JSON", e);
    }
  }

  private MethodDescriptor<DynamicMessage, DynamicMessage> methodDescriptor(HttpBinding binding) {
    return methods.computeIfAbsent(binding.fullMethodName(), name -> MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(name)
        .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(binding.method().getInputType())))
        .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(binding.method().getOutputType())))
        .build());
  }


  private static boolean isJson(ServerRequest request) {
    return request.headers().contentType()
        .map(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json"))
        .orElse(true);
  }

  private static String requestId(ServerRequest request) {
    String given = request.headers().firstHeader(REQUEST_ID_HEADER);
    return isSafeRequestId(given) ? given : UUID.randomUUID().toString();
  }

  /** Whether a client's request id can be passed on as it is (short, no odd characters). */
  public static boolean isSafeRequestId(String given) {
    return given != null && SAFE_REQUEST_ID.matcher(given).matches();
  }

  private static Mono<ServerResponse> problem(Problem problem, String path, String requestId) {
    if (problem.status() >= 500) {
      // Not the path: it may name a person (the access log has it, with resource ids left out).
      log.warn("request_id={} answered {} {}", requestId, problem.status(), problem.reason());
    }
    return ServerResponse.status(problem.status())
        .contentType(PROBLEM_JSON)
        .header(REQUEST_ID_HEADER, requestId)
        .bodyValue(problem.toJson(path, requestId));
  }
}
