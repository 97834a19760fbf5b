package cx.gateway.history;

import com.google.gson.JsonPrimitive;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import cx.common.v1.Channel;
import cx.common.v1.TimelineEvent;
import cx.common.v1.TimelineFilter;
import cx.common.v1.TimelineSource;
import cx.gateway.auth.Caller;
import cx.gateway.auth.Callers;
import cx.gateway.problem.GrpcProblems;
import cx.gateway.problem.Problem;
import cx.gateway.transcoding.BadHttpRequestException;
import cx.gateway.transcoding.TranscodingHandler;
import cx.profile.v1.CustomerState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/customers/{customer}/timeline}: the customer's unified history, newest first,
 * across profile-service (touchpoints, identity and consent changes, merges), feedback-service
 * (survey answers, complaints, follow-ups) and returns-service (orders and returns), for the
 * customer and every id merged into them.
 *
 * <p>Query parameters: {@code pageSize} (default 50, at most 1000), {@code pageToken},
 * {@code channel} and {@code kind} (repeatable), {@code source} (PROFILE, FEEDBACK, RETURNS;
 * repeatable), {@code startTime}, {@code endTime} (RFC 3339). The answer has {@code events},
 * {@code nextPageToken}, and {@code partial} with {@code missingSources} when a service did not
 * answer in time. An erased customer's timeline is its {@code profile.erased} tombstone alone.
 */
public final class TimelineHandler {

  static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> PARAMETERS = Set.of("pageSize", "pageToken", "channel", "kind", "source",
      "startTime", "endTime");
  private static final int DEFAULT_PAGE_SIZE = 50;
  private static final int MAX_PAGE_SIZE = 1000;

  private final GrpcHistorySources sources;
  private final TimelineMerger merger;
  private final TimelineCursor cursor;
  private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

  TimelineHandler(GrpcHistorySources sources, TimelineMerger merger, TimelineCursor cursor) {
    this.sources = sources;
    this.merger = merger;
    this.cursor = cursor;
  }

  /** Answers one timeline request. */
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
    Query query;
    try {
      if (!CUSTOMER_ID.matcher(customer).matches()) {
        throw new BadHttpRequestException("customer", "is not a customer id");
      }
      query = Query.of(request);
    } catch (BadHttpRequestException e) {
      return problem(new Problem(400, "Bad Request", e.field() + ": " + e.getMessage(), "INVALID_ARGUMENT",
          "gateway.cx", List.of(new Problem.Violation(e.field(), e.getMessage()))), path, requestId);
    }
    String fingerprint = TimelineCursor.fingerprint(customer, query.filter().toString(), query.only().toString());
    Optional<TimelineOrder.Position> after;
    try {
      after = cursor.decode(query.pageToken(), fingerprint);
    } catch (BadHttpRequestException e) {
      return problem(new Problem(400, "Bad Request", e.field() + ": " + e.getMessage(), "INVALID_ARGUMENT",
          "gateway.cx", List.of(new Problem.Violation(e.field(), e.getMessage()))), path, requestId);
    }
    CompletableFuture<Response> answer = sources.customer("customers/" + customer, requestId, caller.authorization())
        .handle((found, failed) -> {
          if (failed == null) {
            List<String> ids = new ArrayList<>();
            ids.add(found.getCustomer().getName().substring("customers/".length()));
            ids.addAll(found.getCustomer().getMergedCustomerIdsList());
            return new Resolved(ids, false, found.getCustomer().getState() == CustomerState.CUSTOMER_STATE_ERASED);
          }
          Throwable cause = failed instanceof CompletionException ? failed.getCause() : failed;
          if (cause instanceof StatusRuntimeException e && e.getStatus().getCode() != Status.Code.UNAVAILABLE
              && e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
            throw e;
          }
          // profile-service is down: show what the other services hold under this id.
          return new Resolved(List.of(customer), true, false);
        })
        .thenCompose(resolved -> {
          if (resolved.erased() && !query.only().isEmpty()
              && !query.only().contains(TimelineSource.TIMELINE_SOURCE_PROFILE)) {
            return CompletableFuture.completedFuture(new Response(
                new TimelineMerger.MergedPage(List.of(), Optional.empty(), Set.of()), false));
          }
          // An erased customer's timeline is the tombstone profile-service keeps. The other
          // services are not asked: what they may still hold under the ids while the erasure
          // reaches them is never joined to the person again.
          Set<TimelineSource> only = resolved.erased()
              ? EnumSet.of(TimelineSource.TIMELINE_SOURCE_PROFILE) : query.only();
          return merger.page(resolved.ids(), query.filter(), only, query.pageSize(), after, requestId)
              .thenApply(page -> new Response(page, resolved.profileMissing()));
        });
    return Mono.fromFuture(answer)
        .flatMap(response -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
            .header(TranscodingHandler.REQUEST_ID_HEADER, requestId)
            .bodyValue(json(response, fingerprint)))
        .onErrorResume(StatusRuntimeException.class, e -> problem(GrpcProblems.of(e), path, requestId))
        .onErrorResume(CompletionException.class, e -> e.getCause() instanceof StatusRuntimeException s
            ? problem(GrpcProblems.of(s), path, requestId) : Mono.error(e));
  }

  private record Resolved(List<String> ids, boolean profileMissing, boolean erased) {
  }

  private record Response(TimelineMerger.MergedPage page, boolean profileMissing) {
  }

  /** The page as JSON: each event printed once, straight into the body. */
  private String json(Response response, String fingerprint) {
    StringBuilder body = new StringBuilder(512 + 400 * response.page().events().size()).append("{\"events\":[");
    String separator = "";
    for (TimelineEvent event : response.page().events()) {
      body.append(separator);
      separator = ",";
      try {
        printer.appendTo(event, body);
      } catch (IOException e) {
        throw new IllegalStateException("a timeline event could not be printed", e);
      }
    }
    String next = response.page().next().map(p -> cursor.encode(p, fingerprint)).orElse("");
    Set<TimelineSource> missing = EnumSet.noneOf(TimelineSource.class);
    missing.addAll(response.page().missing());
    if (response.profileMissing()) {
      missing.add(TimelineSource.TIMELINE_SOURCE_PROFILE);
    }
    body.append("],\"nextPageToken\":").append(new JsonPrimitive(next))
        .append(",\"partial\":").append(!missing.isEmpty())
        .append(",\"missingSources\":[");
    separator = "";
    for (TimelineSource source : missing) {
      body.append(separator).append('"').append(source.name().substring("TIMELINE_SOURCE_".length())).append('"');
      separator = ",";
    }
    return body.append("]}").toString();
  }

  /** The request's paging and filters, checked. */
  record Query(int pageSize, String pageToken, TimelineFilter filter, Set<TimelineSource> only) {

    static Query of(ServerRequest request) {
      return of(request, Set.of());
    }

    /** With parameters of its own besides the timeline's, which it leaves to the caller. */
    static Query of(ServerRequest request, Set<String> alsoAccepted) {
      for (String name : request.queryParams().keySet()) {
        if (!PARAMETERS.contains(name) && !alsoAccepted.contains(name)) {
          throw new BadHttpRequestException(name, "is not a parameter of the timeline");
        }
      }
      int pageSize = DEFAULT_PAGE_SIZE;
      Optional<String> size = request.queryParam("pageSize");
      if (size.isPresent()) {
        try {
          pageSize = Integer.parseInt(size.get());
        } catch (NumberFormatException e) {
          throw new BadHttpRequestException("pageSize", "must be a whole number");
        }
        if (pageSize < 0) {
          throw new BadHttpRequestException("pageSize", "must not be negative");
        }
        pageSize = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
      }
      TimelineFilter.Builder filter = TimelineFilter.newBuilder();
      for (String channel : request.queryParams().getOrDefault("channel", List.of())) {
        String name = channel.toUpperCase(Locale.ROOT);
        try {
          Channel value = Channel.valueOf(name.startsWith("CHANNEL_") ? name : "CHANNEL_" + name);
          if (value == Channel.CHANNEL_UNSPECIFIED) {
            throw new IllegalArgumentException(name);
          }
          filter.addChannels(value);
        } catch (IllegalArgumentException e) {
          throw new BadHttpRequestException("channel", "is not a known channel, e.g. WEB, EMAIL, CALL_CENTER");
        }
      }
      for (String kind : request.queryParams().getOrDefault("kind", List.of())) {
        if (!kind.matches("[a-z_]{1,40}(\\.[a-z_]{1,40}){0,3}")) {
          throw new BadHttpRequestException("kind", "must be a dotted lower-case kind such as complaint.filed");
        }
        filter.addKinds(kind);
      }
      request.queryParam("startTime").ifPresent(t -> filter.setStartTime(time(t, "startTime")));
      request.queryParam("endTime").ifPresent(t -> filter.setEndTime(time(t, "endTime")));
      Set<TimelineSource> only = EnumSet.noneOf(TimelineSource.class);
      for (String source : request.queryParams().getOrDefault("source", List.of())) {
        try {
          only.add(TimelineSource.valueOf("TIMELINE_SOURCE_" + source.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new BadHttpRequestException("source", "must be PROFILE, FEEDBACK or RETURNS");
        }
        if (only.contains(TimelineSource.TIMELINE_SOURCE_UNSPECIFIED)) {
          throw new BadHttpRequestException("source", "must be PROFILE, FEEDBACK or RETURNS");
        }
      }
      return new Query(pageSize, request.queryParam("pageToken").orElse(""), filter.build(), only);
    }

    private static com.google.protobuf.Timestamp time(String text, String field) {
      try {
        return Timestamps.parse(text);
      } catch (ParseException e) {
        throw new BadHttpRequestException(field, "must be an RFC 3339 time such as 2026-01-31T09:00:00Z");
      }
    }
  }

  static Mono<ServerResponse> problem(Problem problem, String path, String requestId) {
    return ServerResponse.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header(TranscodingHandler.REQUEST_ID_HEADER, requestId)
        .bodyValue(problem.toJson(path, requestId));
  }
}
