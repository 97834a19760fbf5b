package cx.gateway.history;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import cx.gateway.auth.Caller;
import cx.gateway.auth.Callers;
import cx.gateway.problem.GrpcProblems;
import cx.gateway.problem.Problem;
import cx.gateway.transcoding.TranscodingHandler;
import cx.profile.v1.CustomerState;
import cx.profile.v1.GetCustomerResponse;
import cx.returns.v1.CustomerCommerceSummary;
import cx.returns.v1.GetCustomerCommerceSummaryResponse;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/customers/{customer}/summary}: the 360° card an agent opens first — the
 * profile with its identities, current consents, the feedback summary (latest NPS and CSAT
 * answers and trend, open complaints and follow-ups) and the commerce summary (orders, return
 * rate, lifetime value, returns in progress) summed over every id merged into the customer.
 * A service that does not answer in time is listed in {@code missingSources} with
 * {@code partial: true}; only an unknown customer is an error. An erased customer's card is its
 * tombstone alone.
 */
public final class SummaryHandler {

  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final GrpcHistorySources sources;
  private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

  SummaryHandler(GrpcHistorySources sources) {
    this.sources = sources;
  }

  /** Answers one summary request. */
  public Mono<ServerResponse> handle(ServerRequest request) {
    return Callers.of(request).flatMap(caller -> handle(request, caller));
  }

  private Mono<ServerResponse> handle(ServerRequest request, Caller caller) {
    String requestId = request.headers().firstHeader(TranscodingHandler.REQUEST_ID_HEADER);
    String path = request.uri().getRawPath();
    String customer = request.pathVariable("customer");
    Optional<Problem> refused = HistoryAccess.refusal(caller, customer);
    if (refused.isPresent()) {
      return problem(refused.get(), path, requestId);
    }
    if (!CUSTOMER_ID.matcher(customer).matches() || !request.queryParams().isEmpty()) {
      return problem(new Problem(400, "Bad Request", "customer: is not a customer id, or the summary takes no parameters",
          "INVALID_ARGUMENT", "gateway.cx", List.of(new Problem.Violation("customer", "is not a customer id"))),
          path, requestId);
    }
    CompletableFuture<String> answer = sources.customer("customers/" + customer, requestId, caller.authorization())
        .thenCompose(found -> assemble(found, requestId));
    return Mono.fromFuture(answer)
        .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
            .header(TranscodingHandler.REQUEST_ID_HEADER, requestId).bodyValue(body))
        .onErrorResume(StatusRuntimeException.class, e -> problem(GrpcProblems.of(e), path, requestId))
        .onErrorResume(CompletionException.class, e -> e.getCause() instanceof StatusRuntimeException s
            ? problem(GrpcProblems.of(s), path, requestId) : Mono.error(e));
  }

  private CompletableFuture<String> assemble(GetCustomerResponse found, String requestId) {
    if (found.getCustomer().getState() == CustomerState.CUSTOMER_STATE_ERASED) {
      // An erased customer's card is its tombstone: what other services may still hold under its
      // ids while the erasure reaches them is never joined to the person again.
      JsonObject body = new JsonObject();
      body.add("customer", json(found.getCustomer()));
      body.addProperty("partial", false);
      body.add("missingSources", new JsonArray());
      return CompletableFuture.completedFuture(body.toString());
    }
    String name = found.getCustomer().getName();
    List<String> ids = new ArrayList<>();
    ids.add(name.substring("customers/".length()));
    ids.addAll(found.getCustomer().getMergedCustomerIdsList());
    var consents = sources.consents(name, requestId);
    var feedback = sources.feedbackSummary(ids, requestId);
    List<CompletableFuture<GetCustomerCommerceSummaryResponse>> commerce = ids.stream()
        .map(id -> sources.commerceSummary(id, requestId)).toList();
    List<CompletableFuture<?>> all = new ArrayList<>(commerce);
    all.add(consents);
    all.add(feedback);
    return CompletableFuture.allOf(all.stream().map(f -> f.handle((ok, failed) -> null)).toArray(CompletableFuture[]::new))
        .thenApply(done -> {
          JsonObject body = new JsonObject();
          JsonArray missing = new JsonArray();
          body.add("customer", json(found.getCustomer()));
          if (!found.getRequestedAlias().isEmpty()) {
            body.addProperty("requestedAlias", found.getRequestedAlias());
          }
          if (succeeded(consents)) {
            body.add("consents", json(consents.join()));
          } else {
            missing.add("PROFILE");
          }
          if (succeeded(feedback)) {
            body.add("feedback", json(feedback.join().getCustomerFeedbackSummary()));
          } else {
            missing.add("FEEDBACK");
          }
          if (commerce.stream().allMatch(SummaryHandler::succeeded)) {
            List<CustomerCommerceSummary> parts = commerce.stream()
                .map(f -> f.join().getCustomerCommerceSummary()).toList();
            body.add("commerce", json(CommerceTotals.sum(name + "/commerceSummary", parts)));
          } else {
            missing.add("RETURNS");
          }
          body.addProperty("partial", !missing.isEmpty());
          body.add("missingSources", missing);
          return body.toString();
        });
  }

  private static boolean succeeded(CompletableFuture<?> future) {
    return future.isDone() && !future.isCompletedExceptionally();
  }

  private com.google.gson.JsonElement json(Message message) {
    try {
      return JsonParser.parseString(printer.print(message));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a summary part could not be printed", e);
    }
  }

  private static Mono<ServerResponse> problem(Problem problem, String path, String requestId) {
    return ServerResponse.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header(TranscodingHandler.REQUEST_ID_HEADER, requestId)
        .bodyValue(problem.toJson(path, requestId));
  }
}
