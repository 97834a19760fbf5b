package cx.gateway.transcoding;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import cx.access.AccessRule;
import cx.common.v1.CallerRole;
import cx.gateway.auth.Caller;
import cx.gateway.auth.Callers;
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
 * Serves every REST mapping of the contracts: finds the RPC a request maps to, checks that the
 * method's contract admits the caller (a customer only for their own profile), builds its
 * request message, calls the service over gRPC with a deadline, the caller's request id and
 * their bearer token (the service checks the caller again),
 * and answers with the response as proto3 JSON, or with a problem+json body when anything
 * fails.
 */
public final class TranscodingHandler {

  /** The header (and gRPC metadata key) that carries a request's id end to end. */
  public static final String REQUEST_ID_HEADER = "x-request-id";

  private static final Logger log = LoggerFactory.getLogger(TranscodingHandler.class);
  private static final Metadata.Key<String> REQUEST_ID =
      Metadata.Key.of(REQUEST_ID_HEADER, Metadata.ASCII_STRING_MARSHALLER);
  /** The metadata key that carries the caller's bearer token to the services. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private final ContractCatalog catalog;
  private final Backends backends;
  private final JsonFormat.Printer printer = JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();
  private final Map<String, MethodDescriptor<DynamicMessage, DynamicMessage>> methods = new ConcurrentHashMap<>();
  private final Map<String, AccessRule> rules = new ConcurrentHashMap<>();

  public TranscodingHandler(ContractCatalog catalog, Backends backends) {
    this.catalog = catalog;
    this.backends = backends;
  }

  /** Handles one REST request. */
  public Mono<ServerResponse> handle(ServerRequest request) {
    String requestId = requestId(request);
    String path = request.uri().getRawPath();
    ContractCatalog.Lookup lookup;
    try {
      lookup = catalog.lookup(request.method().name(), path);
    } catch (BadHttpRequestException e) {
      return problem(badRequest(e), path, requestId);
    }
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
    return Callers.of(request).flatMap(caller -> {
      AccessRule rule = rules.computeIfAbsent(match.binding().fullMethodName(), name -> AccessRule.of(match.binding().method()));
      // Who may ask comes first: before the body is read, before anything is validated.
      Problem refused = refusal(rule.decideRole(caller.role()), caller, null, match.binding());
      for (String value : match.variables().values()) {
        if (refused == null && caller.role() == CallerRole.CALLER_ROLE_CUSTOMER) {
          String customer = AccessRule.customerOf(value).orElse(null);
          refused = customer == null ? null
              : refusal(AccessRule.decideCustomer(caller.subject(), customer), caller, customer, match.binding());
        }
      }
      if (refused != null) {
        return problem(refused, path, requestId);
      }
      return request.bodyToMono(byte[].class)
          .defaultIfEmpty(new byte[0])
          .flatMap(body -> call(match, rule, caller, request, body, requestId));
    })
        .switchIfEmpty(Mono.defer(() -> problem(new Problem(401, "Unauthorized",
            "Send a bearer token in the Authorization header.", "CREDENTIALS_MISSING", "gateway.cx", List.of()),
            path, requestId)))
        .onErrorResume(DataBufferLimitException.class, e -> problem(new Problem(413, "Content Too Large",
            "The request body is larger than the gateway accepts.", "BODY_TOO_LARGE", "gateway.cx", List.of()),
            path, requestId));
  }

  private static Problem badRequest(BadHttpRequestException e) {
    return new Problem(400, "Bad Request", e.field() + ": " + e.getMessage(), "INVALID_ARGUMENT", "gateway.cx",
        List.of(new Problem.Violation(e.field(), e.getMessage())));
  }

  private Mono<ServerResponse> call(ContractCatalog.Match match, AccessRule rule, Caller caller, ServerRequest request,
      byte[] body, String requestId) {
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
      return problem(badRequest(e), path, requestId);
    }
    AccessRule.Verdict verdict = rule.decide(caller.role(), caller.subject(), message);
    if (verdict != AccessRule.Verdict.ALLOWED) {
      String foreign = AccessRule.customersNamed(message).stream()
          .filter(id -> !id.equals(caller.subject())).findFirst().orElse("-");
      return problem(refusal(verdict, caller, foreign, binding), path, requestId);
    }
    Metadata headers = new Metadata();
    headers.put(REQUEST_ID, requestId);
    headers.put(AUTHORIZATION, caller.authorization());
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

  /**
   * The answer to a caller the contract does not admit, or null when it does. A customer naming
   * another customer gets the very answer the service gives for a customer that does not exist.
   */
  private static Problem refusal(AccessRule.Verdict verdict, Caller caller, String customer, HttpBinding binding) {
    return switch (verdict) {
      case ALLOWED -> null;
      case ROLE_NOT_ALLOWED -> new Problem(403, "Forbidden", caller.role() == CallerRole.CALLER_ROLE_CUSTOMER
          ? "A customer may only reach their own profile's records." : "Your role may not do this.",
          "ROLE_NOT_ALLOWED", binding.backend() + ".cx", List.of());
      case NOT_THEIRS -> new Problem(404, "Not Found", "customers/" + customer + " was not found.",
          "RESOURCE_NOT_FOUND", binding.backend() + ".cx", List.of());
    };
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
