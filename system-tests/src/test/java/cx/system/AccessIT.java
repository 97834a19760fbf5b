package cx.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import cx.common.v1.AccessProto;
import cx.common.v1.CallerRole;
import cx.feedback.v1.FeedbackServiceProto;
import cx.profile.v1.ProfileServiceProto;
import cx.returns.v1.ReturnsServiceProto;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may see what, checked on the running platform for every route the contracts map and every
 * gRPC method, for every kind of caller: a customer on their own records, on another customer's
 * and on a customer that does not exist; an agent; an admin; no token; and tokens that are
 * expired, from another issuer, for another audience, unsigned ({@code alg: none}) or signed with
 * another key. The expected answer of each cell comes from the method's access rule in the
 * contract; the table of what was seen is written to {@code target/access-table.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_.]+)(?:=([^}]+))?}");
  private static final String MISSING_CUSTOMER = "zz0missing0customer";
  private static final String MISSING_RECORD = "zz0missing0record";
  private static final List<ServiceDescriptor> SERVICES = List.of(
      ProfileServiceProto.getDescriptor().findServiceByName("ProfileService"),
      FeedbackServiceProto.getDescriptor().findServiceByName("FeedbackService"),
      ReturnsServiceProto.getDescriptor().findServiceByName("ReturnsService"));

  /** Whose records a request names. */
  enum Owner { OWN, OTHER, MISSING }

  /** Tokens that prove nothing. */
  enum BadToken { NONE, EXPIRED, WRONG_ISSUER, WRONG_AUDIENCE, ALG_NONE, WRONG_KEY, SERVICE_ROLE_FROM_OUTSIDE }

  private LocalPlatform platform;
  private byte[] key;
  private String customerA;
  private String customerB;
  private final Map<String, Map<String, String>> records = new LinkedHashMap<>();
  private final List<String> table = new ArrayList<>();

  @BeforeAll
  void startThePlatformWithTwoCustomers() throws Exception {
    // Thousands of requests from a few callers: a rate limit that never gets in the way.
    platform = new LocalPlatform(Files.createTempDirectory("cx-access-it"),
        Map.of("CX_RATE_LIMIT_PER_SECOND", "100000", "CX_RATE_LIMIT_BURST", "100000", "CX_CALL_TIMEOUT", "30s"));
    LocalPlatform.Outcome up = platform.cx("up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    key = platform.signingKey();
    customerA = createCustomerWithRecords("Alice Access");
    customerB = createCustomerWithRecords("Bob Boundary");
  }

  @AfterAll
  void stopThePlatform() throws Exception {
    if (platform != null) {
      platform.cx("down");
    }
    if (!table.isEmpty()) {
      Path out = Path.of("target", "access-table.md");
      Files.createDirectories(out.getParent());
      Files.write(out, table);
    }
  }

  @Test
  void everyRouteAnswersEachCallerAsItsContractSays() throws Exception {
    table.add("| route | caller | whose | status | reason |");
    table.add("|---|---|---|---|---|");
    int routes = 0;
    List<String> wrong = new ArrayList<>();
    for (ServiceDescriptor service : SERVICES) {
      for (MethodDescriptor method : service.getMethods()) {
        if (!method.getOptions().hasExtension(AnnotationsProto.http)) {
          continue;
        }
        routes++;
        HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
        Set<CallerRole> admitted = admitted(method);
        String verb = verbOf(rule);
        String template = templateOf(rule);
        boolean namesCustomer = template.contains("customers/*");

        for (BadToken bad : BadToken.values()) {
          Answer answer = http(verb, path(template, Owner.OTHER), badToken(bad));
          record(wrong, method, bad.name(), Owner.OTHER, answer, answer.status() == 401);
        }
        for (CallerRole role : List.of(CallerRole.CALLER_ROLE_AGENT, CallerRole.CALLER_ROLE_ADMIN)) {
          Answer answer = http(verb, path(template, Owner.OTHER), token(role, role == CallerRole.CALLER_ROLE_AGENT
              ? "agent-access" : "admin-access", Instant.now().plusSeconds(600), "cx-local", "cx-platform"));
          boolean expected = admitted.contains(role) ? answer.status() != 401 && answer.status() != 403
              : answer.status() == 403;
          record(wrong, method, role.name(), Owner.OTHER, answer, expected);
        }
        String customerToken = token(CallerRole.CALLER_ROLE_CUSTOMER, customerA, Instant.now().plusSeconds(600),
            "cx-local", "cx-platform");
        Map<Owner, Answer> asCustomer = new LinkedHashMap<>();
        for (Owner owner : namesCustomer ? List.of(Owner.OWN, Owner.OTHER, Owner.MISSING) : List.of(Owner.OWN)) {
          asCustomer.put(owner, http(verb, path(template, owner), customerToken));
        }
        for (Map.Entry<Owner, Answer> cell : asCustomer.entrySet()) {
          Answer answer = cell.getValue();
          boolean expected;
          if (!admitted.contains(CallerRole.CALLER_ROLE_CUSTOMER)) {
            expected = answer.status() == 403;
          } else if (cell.getKey() == Owner.OWN) {
            expected = answer.status() != 401 && answer.status() != 403
                && !("RESOURCE_NOT_FOUND".equals(answer.reason()) && answer.body().contains("customers/" + customerA + " "));
          } else {
            expected = answer.status() == 404 && "RESOURCE_NOT_FOUND".equals(answer.reason())
                && !answer.body().contains("\"displayName\"");
          }
          record(wrong, method, "CUSTOMER", cell.getKey(), answer, expected);
        }
        if (admitted.contains(CallerRole.CALLER_ROLE_CUSTOMER) && namesCustomer) {
          String other = normalised(asCustomer.get(Owner.OTHER).body(), customerB);
          String missing = normalised(asCustomer.get(Owner.MISSING).body(), MISSING_CUSTOMER);
          if (!other.equals(missing)) {
            wrong.add(method.getName() + ": another customer's answer " + other + " differs from a missing one's " + missing);
          }
        }
      }
    }
    assertThat(routes).as("routes found in the contracts").isGreaterThan(60);
    assertThat(wrong).as("cells of the access table that answered otherwise than the contract says").isEmpty();
  }

  @Test
  void aGrpcClientReachesTheServicesThroughTheGatewayAsTheCallerItIs() throws Exception {
    ManagedChannel throughGateway = NettyChannelBuilder.forAddress("localhost", platform.port("GATEWAY_GRPC_PORT"))
        .usePlaintext().build();
    try {
      // A customer of its own: the access table may have erased the others' records by now.
      String carol = createCustomerWithRecords("Carol Caller");
      MethodDescriptor getCustomer = SERVICES.get(0).findMethodByName("GetCustomer");
      DynamicMessage request = DynamicMessage.newBuilder(getCustomer.getInputType())
          .setField(getCustomer.getInputType().findFieldByName("name"), "customers/" + carol).build();
      String agent = token(CallerRole.CALLER_ROLE_AGENT, "agent-access", Instant.now().plusSeconds(600), "cx-local", "cx-platform");

      DynamicMessage answer = (DynamicMessage) ClientCalls.blockingUnaryCall(io.grpc.ClientInterceptors.intercept(
          throughGateway, MetadataUtils.newAttachHeadersInterceptor(bearer(agent))), call(getCustomer),
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);

      DynamicMessage customer = (DynamicMessage) answer.getField(getCustomer.getOutputType().findFieldByName("customer"));
      assertThat(customer.getField(customer.getDescriptorForType().findFieldByName("display_name"))).isEqualTo("Carol Caller");
      assertThat(grpc(throughGateway, getCustomer, request, null)).isEqualTo(Status.Code.UNAUTHENTICATED);
    } finally {
      throughGateway.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyGrpcMethodChecksTheCallerDirectlyAndThroughTheGateway() throws Exception {
    List<String> wrong = new ArrayList<>();
    Map<String, Integer> ports = Map.of("ProfileService", platform.port("PROFILE_GRPC_PORT"),
        "FeedbackService", platform.port("FEEDBACK_GRPC_PORT"), "ReturnsService", platform.port("RETURNS_GRPC_PORT"));
    ManagedChannel throughGateway = NettyChannelBuilder.forAddress("localhost", platform.port("GATEWAY_GRPC_PORT"))
        .usePlaintext().build();
    try {
      for (ServiceDescriptor service : SERVICES) {
        ManagedChannel direct = NettyChannelBuilder.forAddress("localhost", ports.get(service.getName()))
            .usePlaintext().build();
        try {
          checkEveryMethod(service, direct, "directly", wrong);
          checkEveryMethod(service, throughGateway, "through the gateway", wrong);
        } finally {
          direct.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    } finally {
      throughGateway.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(wrong).as("gRPC calls answered otherwise than the contract says").isEmpty();
  }

  private void checkEveryMethod(ServiceDescriptor service, ManagedChannel channel, String via, List<String> wrong)
      throws Exception {
    for (MethodDescriptor method : service.getMethods()) {
      Set<CallerRole> admitted = admitted(method);
      DynamicMessage other = requestNaming(method, Owner.OTHER);
      Status.Code none = grpc(channel, method, other, null);
      if (none != Status.Code.UNAUTHENTICATED) {
        wrong.add(method.getFullName() + " " + via + " without a token: " + none);
      }
      Status.Code forged = grpc(channel, method, other, badToken(BadToken.WRONG_KEY));
      if (forged != Status.Code.UNAUTHENTICATED) {
        wrong.add(method.getFullName() + " " + via + " with a forged token: " + forged);
      }
      boolean namesOther = template(method).contains("customers/*");
      for (CallerRole role : List.of(CallerRole.CALLER_ROLE_AGENT, CallerRole.CALLER_ROLE_ADMIN,
          CallerRole.CALLER_ROLE_CUSTOMER)) {
        Status.Code code = grpc(channel, method, other, token(role, role == CallerRole.CALLER_ROLE_CUSTOMER
            ? customerA : "staff-access", Instant.now().plusSeconds(600), "cx-local", "cx-platform"));
        Status.Code expected = !admitted.contains(role) ? Status.Code.PERMISSION_DENIED
            : role == CallerRole.CALLER_ROLE_CUSTOMER && namesOther ? Status.Code.NOT_FOUND : null;
        if (expected != null ? code != expected
            : code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
          wrong.add(method.getFullName() + " " + via + " as " + role + " on another customer: " + code);
        }
      }
    }
  }

  private void record(List<String> wrong, MethodDescriptor method, String caller, Owner owner, Answer answer,
      boolean expected) {
    table.add("| " + method.getName() + " | " + caller + " | " + owner + " | " + answer.status() + " | "
        + (answer.reason() == null ? "" : answer.reason()) + " |");
    if (!expected) {
      wrong.add(method.getName() + " as " + caller + " on " + owner + ": " + answer.status() + " " + answer.body());
    }
  }

  private static Set<CallerRole> admitted(MethodDescriptor method) {
    Set<CallerRole> roles = EnumSet.noneOf(CallerRole.class);
    if (method.getOptions().hasExtension(AccessProto.access)) {
      roles.addAll(method.getOptions().getExtension(AccessProto.access).getRolesList());
    }
    return roles;
  }

  private String createCustomerWithRecords(String displayName) throws Exception {
    String admin = token(CallerRole.CALLER_ROLE_ADMIN, "admin-access", Instant.now().plusSeconds(600), "cx-local", "cx-platform");
    Answer created = http("POST", "/v1/customers?requestId=" + UUID.randomUUID(), admin,
        "{\"displayName\": \"" + displayName + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    String name = JsonParser.parseString(created.body()).getAsJsonObject().getAsJsonObject("customer").get("name").getAsString();
    String id = name.substring("customers/".length());
    Map<String, String> theirs = new LinkedHashMap<>();
    Answer complaint = http("POST", "/v1/" + name + "/complaints?requestId=" + UUID.randomUUID(), admin,
        "{\"channel\": \"CHANNEL_WEB\", \"category\": \"COMPLAINT_CATEGORY_DELIVERY\","
            + " \"severity\": \"COMPLAINT_SEVERITY_LOW\", \"description\": \"Late parcel.\"}");
    assertThat(complaint.status()).as(complaint.body()).isEqualTo(200);
    theirs.put("complaints", lastSegmentOf(complaint.body(), name + "/complaints/"));
    Answer order = http("POST", "/v1/" + name + "/orders?orderId=o" + UUID.randomUUID().toString().substring(0, 8), admin,
        "{\"channel\": \"CHANNEL_WEB\", \"orderTime\": \"" + Instant.now().minusSeconds(86_400) + "\", \"lines\": [{\"lineId\": \"1\","
            + " \"sku\": \"SKU-1\", \"productCategory\": \"kitchen\", \"quantity\": 1,"
            + " \"unitPrice\": {\"currencyCode\": \"EUR\", \"minorUnits\": 1000}}]}");
    assertThat(order.status()).as(order.body()).isEqualTo(200);
    theirs.put("orders", lastSegmentOf(order.body(), name + "/orders/"));
    Answer interaction = http("POST", "/v1/" + name + "/interactions", admin,
        "{\"type\": \"INTERACTION_TYPE_CALL\", \"channel\": \"CHANNEL_CALL_CENTER\", \"summary\": \"Asked about a parcel.\","
            + " \"externalId\": \"call-" + UUID.randomUUID() + "\","
            + " \"occurTime\": \"" + Instant.now().minusSeconds(3_600) + "\"}");
    assertThat(interaction.status()).as(interaction.body()).isEqualTo(200);
    theirs.put("interactions", lastSegmentOf(interaction.body(), name + "/interactions/"));
    records.put(id, theirs);
    return id;
  }

  private static String lastSegmentOf(String body, String prefix) {
    Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "([A-Za-z0-9_-]+)").matcher(body);
    assertThat(matcher.find()).as(body).isTrue();
    return matcher.group(1);
  }

  /** The path of a route for the records of one owner: their own, another customer's, or nobody's. */
  private String path(String template, Owner owner) {
    String customer = switch (owner) {
      case OWN -> customerA;
      case OTHER, MISSING -> customerB;
    };
    Map<String, String> theirs = records.get(customer);
    String shownCustomer = owner == Owner.MISSING ? MISSING_CUSTOMER : customer;
    Matcher variables = VARIABLE.matcher(template);
    StringBuilder path = new StringBuilder();
    while (variables.find()) {
      String pattern = variables.group(2) == null ? "*" : variables.group(2);
      variables.appendReplacement(path, Matcher.quoteReplacement(fill(pattern, shownCustomer, theirs)));
    }
    variables.appendTail(path);
    return path.toString();
  }

  private static String fill(String pattern, String customer, Map<String, String> theirs) {
    String[] segments = pattern.split("/");
    for (int i = 0; i < segments.length; i++) {
      if (!segments[i].equals("*")) {
        continue;
      }
      String collection = i > 0 ? segments[i - 1] : "";
      segments[i] = collection.equals("customers") ? customer : theirs.getOrDefault(collection, MISSING_RECORD);
    }
    return String.join("/", segments);
  }

  /** A request naming another customer's records in the fields its route's path would fill. */
  private DynamicMessage requestNaming(MethodDescriptor method, Owner owner) {
    DynamicMessage.Builder request = DynamicMessage.newBuilder(method.getInputType());
    if (!method.getOptions().hasExtension(AnnotationsProto.http)) {
      return request.build();
    }
    Matcher variables = VARIABLE.matcher(template(method));
    while (variables.find()) {
      String value = fill(variables.group(2) == null ? "*" : variables.group(2),
          owner == Owner.MISSING ? MISSING_CUSTOMER : customerB, records.get(customerB));
      set(request, variables.group(1).split("\\."), 0, value);
    }
    return request.build();
  }

  private static void set(DynamicMessage.Builder message, String[] fieldPath, int at, String value) {
    Descriptor type = message.getDescriptorForType();
    FieldDescriptor field = type.findFieldByName(fieldPath[at]);
    if (at == fieldPath.length - 1) {
      message.setField(field, value);
      return;
    }
    DynamicMessage.Builder nested = DynamicMessage.newBuilder(field.getMessageType());
    set(nested, fieldPath, at + 1, value);
    message.setField(field, nested.build());
  }

  private static String template(MethodDescriptor method) {
    return method.getOptions().hasExtension(AnnotationsProto.http)
        ? templateOf(method.getOptions().getExtension(AnnotationsProto.http)) : "";
  }

  private static String verbOf(HttpRule rule) {
    return switch (rule.getPatternCase()) {
      case GET -> "GET";
      case POST -> "POST";
      case PATCH -> "PATCH";
      case DELETE -> "DELETE";
      case PUT -> "PUT";
      default -> throw new IllegalStateException("unexpected HTTP rule " + rule);
    };
  }

  private static String templateOf(HttpRule rule) {
    return switch (rule.getPatternCase()) {
      case GET -> rule.getGet();
      case POST -> rule.getPost();
      case PATCH -> rule.getPatch();
      case DELETE -> rule.getDelete();
      case PUT -> rule.getPut();
      default -> throw new IllegalStateException("unexpected HTTP rule " + rule);
    };
  }

  private Answer http(String verb, String path, String token) throws Exception {
    return http(verb, path, token, verb.equals("GET") || verb.equals("DELETE") ? null : "{}");
  }

  private Answer http(String verb, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path))
        .timeout(Duration.ofSeconds(10))
        .method(verb, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("content-type", "application/json");
    }
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String reason = null;
    if (response.statusCode() >= 400 && response.body().startsWith("{")) {
      JsonObject problem = JsonParser.parseString(response.body()).getAsJsonObject();
      reason = problem.has("reason") ? problem.get("reason").getAsString() : null;
    }
    return new Answer(response.statusCode(), reason, response.body());
  }

  private Status.Code grpc(ManagedChannel channel, MethodDescriptor method, DynamicMessage request, String token) {
    try {
      ClientCalls.blockingUnaryCall(io.grpc.ClientInterceptors.intercept(channel,
          MetadataUtils.newAttachHeadersInterceptor(bearer(token))), call(method),
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private static io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> call(MethodDescriptor method) {
    return io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
        .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(method.getService().getFullName(), method.getName()))
        .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
        .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
        .build();
  }

  private static Metadata bearer(String token) {
    Metadata headers = new Metadata();
    if (token != null) {
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    }
    return headers;
  }

  /** The body with what differs between two otherwise identical requests taken out. */
  private static String normalised(String body, String customer) {
    JsonObject problem = JsonParser.parseString(body).getAsJsonObject();
    problem.remove("requestId");
    problem.remove("instance");
    return problem.toString().replace(customer, "{customer}");
  }

  private String badToken(BadToken bad) throws Exception {
    Instant later = Instant.now().plusSeconds(600);
    return switch (bad) {
      case NONE -> null;
      case EXPIRED -> token(CallerRole.CALLER_ROLE_AGENT, "agent-access", Instant.now().minusSeconds(600), "cx-local", "cx-platform");
      case WRONG_ISSUER -> token(CallerRole.CALLER_ROLE_AGENT, "agent-access", later, "someone-else", "cx-platform");
      case WRONG_AUDIENCE -> token(CallerRole.CALLER_ROLE_AGENT, "agent-access", later, "cx-local", "another-api");
      case ALG_NONE -> new PlainJWT(new PlainHeader(), claims("admin", "admin-access", later, "cx-local", "cx-platform")).serialize();
      case WRONG_KEY -> sign(claims("admin", "admin-access", later, "cx-local", "cx-platform"),
          "not-the-platform-key-not-the-platform-key".getBytes());
      case SERVICE_ROLE_FROM_OUTSIDE -> sign(claims("service", "gateway", later, "cx-local", "cx-platform"), key);
    };
  }

  private String token(CallerRole role, String subject, Instant expires, String issuer, String audience) throws Exception {
    String name = role.name().substring("CALLER_ROLE_".length()).toLowerCase();
    return sign(claims(name, subject, expires, issuer, audience), key);
  }

  private static JWTClaimsSet claims(String role, String subject, Instant expires, String issuer, String audience) {
    // A fresh id per token: every request is its own client for the rate limiter.
    return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject).claim("role", role)
        .jwtID(UUID.randomUUID().toString()).issueTime(new Date()).expirationTime(Date.from(expires)).build();
  }

  private static String sign(JWTClaimsSet claims, byte[] key) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(key));
    return jwt.serialize();
  }

  private record Answer(int status, String reason, String body) {
  }
}
