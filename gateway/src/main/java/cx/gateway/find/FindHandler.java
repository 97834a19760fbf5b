package cx.gateway.find;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import cx.access.AccessRule;
import cx.gateway.auth.Caller;
import cx.gateway.auth.Callers;
import cx.gateway.backend.Backends;
import cx.gateway.backend.GrpcFutures;
import cx.gateway.problem.GrpcProblems;
import cx.gateway.problem.Problem;
import cx.gateway.transcoding.BadHttpRequestException;
import cx.gateway.transcoding.TranscodingHandler;
import cx.profile.v1.Customer;
import cx.profile.v1.LookupCustomerRequest;
import cx.profile.v1.ProfileServiceGrpc;
import cx.profile.v1.ProfileServiceProto;
import cx.profile.v1.SearchCustomersRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/customers:find?query=...}: the customers an agent's free-text query points to,
 * whatever they typed — a name, an email, a phone number, a loyalty id, a social handle, a
 * device id or {@code system:id}. It asks profile-service every question the query could be an
 * answer to, at once, and answers with the customers found, each with what matched:
 * identifier matches first, then name matches by display name. A query that matches nothing
 * is an empty list, not an error, so a search box can call it on every keystroke.
 *
 * <p>Who may call: whoever may call SearchCustomers (agents and admins); the caller's token goes
 * on to profile-service, which checks it again.
 *
 * <p>Parameters: {@code query} (2 to 200 characters), {@code pageSize} (default 10, at most 50).
 * When some of the questions failed (profile-service answered for some and not others) the
 * answer has {@code partial: true}; when all failed, the failure is the answer.
 */
public final class FindHandler {

  private static final int DEFAULT_PAGE_SIZE = 10;
  private static final int MAX_PAGE_SIZE = 50;
  private static final Set<String> PARAMETERS = Set.of("query", "pageSize");
  /** Answers that mean "not this kind of identifier", not a failure of the search. */
  private static final Set<Status.Code> NO_MATCH = Set.of(Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT);
  private static final AccessRule SEARCH_ACCESS = AccessRule.of(ProfileServiceProto.getDescriptor()
      .findServiceByName("ProfileService").findMethodByName("SearchCustomers"));

  private final Backends backends;
  private final List<String> socialNetworks;
  private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

  FindHandler(Backends backends, List<String> socialNetworks) {
    this.backends = backends;
    this.socialNetworks = List.copyOf(socialNetworks);
  }

  private record Match(Customer customer, String matchedBy) {
  }

  /** The outcome of one probe: its matches, or the failure that stopped it. */
  private record Outcome(List<Match> matches, StatusRuntimeException failure) {
  }

  /** Answers one find request. */
  public Mono<ServerResponse> handle(ServerRequest request) {
    return Callers.of(request).flatMap(caller -> handle(request, caller));
  }

  private Mono<ServerResponse> handle(ServerRequest request, Caller caller) {
    String requestId = request.headers().firstHeader(TranscodingHandler.REQUEST_ID_HEADER);
    String path = request.uri().getRawPath();
    // The same people as may search customers, as the contract says; checked before the query.
    if (!SEARCH_ACCESS.admits(caller.role())) {
      return problem(new Problem(403, "Forbidden", "Your role may not search customers.", "ROLE_NOT_ALLOWED",
          "gateway.cx", List.of()), path, requestId);
    }
    FindPlan plan;
    int pageSize;
    try {
      for (String name : request.queryParams().keySet()) {
        if (!PARAMETERS.contains(name)) {
          throw new BadHttpRequestException(name, "is not a parameter of customers:find");
        }
      }
      pageSize = pageSize(request.queryParam("pageSize"));
      plan = FindPlan.of(request.queryParam("query").orElse(""), socialNetworks);
    } catch (BadHttpRequestException e) {
      return problem(new Problem(400, "Bad Request", e.field() + ": " + e.getMessage(), "INVALID_ARGUMENT",
          "gateway.cx", List.of(new Problem.Violation(e.field(), e.getMessage()))), path, requestId);
    }
    List<CompletableFuture<Outcome>> outcomes = plan.probes().stream()
        .map(probe -> ask(probe, pageSize, requestId, caller.authorization())).toList();
    CompletableFuture<String> answer = CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
        .thenApply(done -> json(outcomes.stream().map(CompletableFuture::join).toList(), pageSize));
    return Mono.fromFuture(answer)
        .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
            .header(TranscodingHandler.REQUEST_ID_HEADER, requestId).bodyValue(body))
        .onErrorResume(CompletionException.class, e -> e.getCause() instanceof StatusRuntimeException s
            ? problem(GrpcProblems.of(s), path, requestId) : Mono.error(e));
  }

  private CompletableFuture<Outcome> ask(FindPlan.Probe probe, int pageSize, String requestId, String authorization) {
    var stub = ProfileServiceGrpc.newFutureStub(backends.channel("profile", requestId, authorization))
        .withDeadlineAfter(backends.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
    CompletableFuture<List<Match>> matches;
    if (probe instanceof FindPlan.Search search) {
      SearchCustomersRequest.Builder call = SearchCustomersRequest.newBuilder().setPageSize(pageSize);
      switch (search.field()) {
        case "email" -> call.setEmail(search.value());
        case "phone" -> call.setPhone(search.value());
        default -> call.setNamePrefix(search.value());
      }
      matches = GrpcFutures.toCompletable(stub.searchCustomers(call.build())).thenApply(found ->
          found.getCustomersList().stream().map(c -> new Match(c, search.matchedBy())).toList());
    } else {
      FindPlan.Lookup lookup = (FindPlan.Lookup) probe;
      matches = GrpcFutures.toCompletable(stub.lookupCustomer(LookupCustomerRequest.newBuilder()
              .setType(lookup.type()).setValue(lookup.value()).setNetwork(lookup.network()).setSystem(lookup.system())
              .build()))
          .thenApply(found -> List.of(new Match(found.getCustomer(), lookup.matchedBy())));
    }
    return matches.handle((found, failed) -> {
      if (failed == null) {
        return new Outcome(found, null);
      }
      Throwable cause = failed instanceof CompletionException ? failed.getCause() : failed;
      if (cause instanceof StatusRuntimeException e) {
        if (NO_MATCH.contains(e.getStatus().getCode())) {
          return new Outcome(List.of(), null);
        }
        if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
          backends.reconnectSoon("profile");
        }
        return new Outcome(List.of(), e);
      }
      throw new CompletionException(cause);
    });
  }

  private String json(List<Outcome> outcomes, int pageSize) {
    boolean anyAnswered = outcomes.stream().anyMatch(o -> o.failure() == null);
    Optional<StatusRuntimeException> failure = outcomes.stream().map(Outcome::failure)
        .filter(f -> f != null).findFirst();
    if (!anyAnswered && failure.isPresent()) {
      throw new CompletionException(failure.get());
    }
    List<Match> identifierMatches = new ArrayList<>();
    List<Match> nameMatches = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      for (Match match : outcome.matches()) {
        ("name".equals(match.matchedBy()) ? nameMatches : identifierMatches).add(match);
      }
    }
    Map<String, Match> unique = new LinkedHashMap<>();
    identifierMatches.forEach(m -> unique.putIfAbsent(m.customer().getName(), m));
    nameMatches.forEach(m -> unique.putIfAbsent(m.customer().getName(), m));
    JsonArray matches = new JsonArray();
    unique.values().stream().limit(pageSize).forEach(match -> {
      JsonObject item = new JsonObject();
      try {
        item.add("customer", JsonParser.parseString(printer.print(match.customer())));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("a customer could not be printed", e);
      }
      item.addProperty("matchedBy", match.matchedBy());
      matches.add(item);
    });
    JsonObject body = new JsonObject();
    body.add("matches", matches);
    body.addProperty("partial", failure.isPresent());
    return body.toString();
  }

  private static int pageSize(Optional<String> given) {
    if (given.isEmpty()) {
      return DEFAULT_PAGE_SIZE;
    }
    int size;
    try {
      size = Integer.parseInt(given.get());
    } catch (NumberFormatException e) {
      throw new BadHttpRequestException("pageSize", "must be a whole number");
    }
    if (size < 0) {
      throw new BadHttpRequestException("pageSize", "must not be negative");
    }
    return size == 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
  }

  private static Mono<ServerResponse> problem(Problem problem, String path, String requestId) {
    return ServerResponse.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header(TranscodingHandler.REQUEST_ID_HEADER, requestId)
        .bodyValue(problem.toJson(path, requestId));
  }
}
