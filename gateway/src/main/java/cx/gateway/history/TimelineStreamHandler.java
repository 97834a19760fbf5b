package cx.gateway.history;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import cx.common.v1.TimelineEvent;
import cx.common.v1.TimelineSource;
import cx.gateway.auth.Caller;
import cx.gateway.auth.Callers;
import cx.gateway.problem.GrpcProblems;
import cx.gateway.problem.Problem;
import cx.gateway.transcoding.BadHttpRequestException;
import cx.gateway.transcoding.TranscodingHandler;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/customers/{customer}/timeline:stream}: new events of a customer's history as
 * Server-Sent Events, for an open agent screen.
 *
 * <p>It watches the newest page of the merged history (the same sources, filters and merged-id
 * set as the timeline) every poll interval and sends each event it has not sent or shown before,
 * oldest first, as {@code event: timeline} with the event's proto3 JSON. Reading the sources
 * rather than listening to one process means an event appears whichever service instance took
 * the write. The events present when the stream opens are the ones the screen already shows,
 * so they are not sent; neither are those of a source that was missing until it comes back. A
 * {@code :ready} comment says when the stream is live: every event after it will be sent. A
 * comment line every {@code heartbeat} keeps proxies from closing an idle stream. Browsers'
 * EventSource cannot send headers, so this route also takes the token as {@code access_token}.
 */
public final class TimelineStreamHandler {

  private static final int WATCHED = 50;
  private static final int REMEMBERED = 5_000;
  private static final ServerSentEvent<String> READY = ServerSentEvent.<String>builder().comment("ready").build();

  private final GrpcHistorySources sources;
  private final TimelineMerger merger;
  private final Duration pollInterval;
  private final Duration heartbeat;
  private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

  TimelineStreamHandler(GrpcHistorySources sources, TimelineMerger merger, Duration pollInterval, Duration heartbeat) {
    this.sources = sources;
    this.merger = merger;
    this.pollInterval = pollInterval;
    this.heartbeat = heartbeat;
  }

  /** Opens one stream. */
  public Mono<ServerResponse> handle(ServerRequest request) {
    return Callers.of(request).flatMap(caller -> handle(request, caller));
  }

  private Mono<ServerResponse> handle(ServerRequest request, Caller caller) {
    String requestId = request.headers().firstHeader(TranscodingHandler.REQUEST_ID_HEADER);
    String path = request.uri().getRawPath();
    String customer = request.pathVariable("customer");
    Optional<Problem> refused = HistoryAccess.refusal(caller, customer);
    if (refused.isPresent()) {
      return TimelineHandler.problem(refused.get(), path, requestId);
    }
    TimelineHandler.Query query;
    try {
      if (!TimelineHandler.CUSTOMER_ID.matcher(customer).matches()) {
        throw new BadHttpRequestException("customer", "is not a customer id");
      }
      query = TimelineHandler.Query.of(request, Set.of("access_token"));
      if (!query.pageToken().isEmpty()) {
        throw new BadHttpRequestException("pageToken", "is not a parameter of the stream");
      }
    } catch (BadHttpRequestException e) {
      return TimelineHandler.problem(new Problem(400, "Bad Request", e.field() + ": " + e.getMessage(),
          "INVALID_ARGUMENT", "gateway.cx", List.of(new Problem.Violation(e.field(), e.getMessage()))), path, requestId);
    }
    return Mono.fromFuture(sources.customer("customers/" + customer, requestId, caller.authorization()))
        .map(found -> {
          List<String> ids = new ArrayList<>();
          ids.add(found.getCustomer().getName().substring("customers/".length()));
          ids.addAll(found.getCustomer().getMergedCustomerIdsList());
          return ids;
        })
        .flatMap(ids -> ServerResponse.ok()
            .contentType(MediaType.TEXT_EVENT_STREAM)
            .header(TranscodingHandler.REQUEST_ID_HEADER, requestId)
            .header("Cache-Control", "no-store")
            .body(BodyInserters.fromServerSentEvents(stream(ids, query, requestId))))
        .onErrorResume(StatusRuntimeException.class, e -> TimelineHandler.problem(GrpcProblems.of(e), path, requestId))
        .onErrorResume(CompletionException.class, e -> e.getCause() instanceof StatusRuntimeException s
            ? TimelineHandler.problem(GrpcProblems.of(s), path, requestId) : Mono.error(e));
  }

  private Flux<ServerSentEvent<String>> stream(List<String> ids, TimelineHandler.Query query, String requestId) {
    Watch watch = new Watch();
    Flux<ServerSentEvent<String>> events = Flux.interval(Duration.ZERO, pollInterval)
        .onBackpressureDrop()
        .concatMap(tick -> Mono.fromFuture(() -> merger.page(ids, query.filter(), query.only(), WATCHED, Optional.empty(),
            requestId)).onErrorResume(failed -> Mono.empty()), 1)
        .index()
        .concatMap(polled -> {
          Flux<ServerSentEvent<String>> news = Flux.fromIterable(watch.news(polled.getT2())).map(this::sent);
          // After the first look the stream is live: every later event will be sent.
          return polled.getT1() == 0 ? Flux.concat(Flux.just(READY), news) : news;
        });
    Flux<ServerSentEvent<String>> heartbeats = Flux.interval(heartbeat)
        .map(tick -> ServerSentEvent.<String>builder().comment("keep-alive").build());
    return Flux.merge(events, heartbeats);
  }

  private ServerSentEvent<String> sent(TimelineEvent event) {
    try {
      return ServerSentEvent.builder(printer.print(event)).event("timeline").id(Watch.key(event)).build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a timeline event could not be printed", e);
    }
  }

  /** What one stream has seen: the events already shown, and the sources it has heard from. */
  static final class Watch {
    private final Set<String> seen = new LinkedHashSet<>();
    private final Set<TimelineSource> heardFrom = EnumSet.noneOf(TimelineSource.class);

    static String key(TimelineEvent event) {
      return event.getSource().getNumber() + ":" + event.getEventId();
    }

    /** The events of this newest page not seen before, oldest first. */
    synchronized List<TimelineEvent> news(TimelineMerger.MergedPage page) {
      Set<TimelineSource> newlyHeard = EnumSet.allOf(TimelineSource.class);
      newlyHeard.removeAll(page.missing());
      newlyHeard.removeAll(heardFrom);
      List<TimelineEvent> fresh = new ArrayList<>();
      for (TimelineEvent event : page.events()) {
        if (seen.add(key(event)) && !newlyHeard.contains(event.getSource())) {
          fresh.add(0, event);
        }
      }
      heardFrom.addAll(newlyHeard);
      while (seen.size() > REMEMBERED) {
        seen.remove(seen.iterator().next());
      }
      return fresh;
    }
  }
}
