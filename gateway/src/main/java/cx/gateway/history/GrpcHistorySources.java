package cx.gateway.history;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import cx.common.v1.TimelineFilter;
import cx.common.v1.TimelineSource;
import cx.feedback.v1.FeedbackServiceGrpc;
import cx.feedback.v1.GetCustomerFeedbackSummaryRequest;
import cx.feedback.v1.GetCustomerFeedbackSummaryResponse;
import cx.feedback.v1.ListCustomerFeedbackEventsRequest;
import cx.gateway.auth.PlatformTokens;
import cx.gateway.backend.Backends;
import cx.gateway.transcoding.TranscodingHandler;
import cx.gateway.backend.GrpcFutures;
import cx.profile.v1.GetConsentsRequest;
import cx.profile.v1.GetConsentsResponse;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.GetCustomerResponse;
import cx.profile.v1.ListCustomerProfileEventsRequest;
import cx.profile.v1.ProfileServiceGrpc;
import cx.returns.v1.GetCustomerCommerceSummaryRequest;
import cx.returns.v1.GetCustomerCommerceSummaryResponse;
import cx.returns.v1.ListCustomerReturnEventsRequest;
import cx.returns.v1.ReturnsServiceGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The three services' internal timeline RPCs, and profile-service's merged-id set, over gRPC.
 * Each timeline source's calls are timed as {@code cx.timeline.source{source, outcome}}, the
 * outcome being the call's gRPC status code.
 */
final class GrpcHistorySources {

  /** The timer of the timeline's fan-out, per source. */
  static final String SOURCE_TIMER = "cx.timeline.source";

  private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

  private final Backends backends;
  private final PlatformTokens tokens;
  private final Duration timeout;
  private final MeterRegistry meters;

  GrpcHistorySources(Backends backends, PlatformTokens tokens, Duration timeout, MeterRegistry meters) {
    this.backends = backends;
    this.tokens = tokens;
    this.timeout = timeout;
    this.meters = meters;
  }

  List<HistorySource> all() {
    return List.of(profile(), feedback(), returns());
  }

  /**
   * The customer as profile-service knows it: the survivor and every id merged into it. Asked
   * with the caller's own token, so profile-service decides whether they may see this customer;
   * the calls after it are the gateway's own, with its service token, for that customer's ids.
   */
  CompletableFuture<GetCustomerResponse> customer(String name, String requestId, String authorization) {
    return GrpcFutures.toCompletable(ProfileServiceGrpc.newFutureStub(channel("profile", requestId, authorization))
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .getCustomer(GetCustomerRequest.newBuilder().setName(name).build()));
  }

  /** The customer's current consents. */
  CompletableFuture<GetConsentsResponse> consents(String name, String requestId) {
    return GrpcFutures.toCompletable(ProfileServiceGrpc.newFutureStub(channel("profile", requestId))
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .getConsents(GetConsentsRequest.newBuilder().setCustomer(name).build()));
  }

  /** Latest answers, trend, open complaints and follow-ups over the customer's ids. */
  CompletableFuture<GetCustomerFeedbackSummaryResponse> feedbackSummary(List<String> ids, String requestId) {
    return GrpcFutures.toCompletable(FeedbackServiceGrpc.newFutureStub(channel("feedback", requestId))
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .getCustomerFeedbackSummary(GetCustomerFeedbackSummaryRequest.newBuilder().addAllCustomerIds(ids).build()));
  }

  /** The commerce summary of one customer id. */
  CompletableFuture<GetCustomerCommerceSummaryResponse> commerceSummary(String id, String requestId) {
    return GrpcFutures.toCompletable(ReturnsServiceGrpc.newFutureStub(channel("returns", requestId))
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .getCustomerCommerceSummary(GetCustomerCommerceSummaryRequest.newBuilder()
            .setName("customers/" + id + "/commerceSummary").build()));
  }

  private HistorySource profile() {
    return new Source(TimelineSource.TIMELINE_SOURCE_PROFILE, "profile", (ids, filter, size, token, requestId) ->
        Futures.transform(ProfileServiceGrpc.newFutureStub(channel("profile", requestId))
            .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .listCustomerProfileEvents(ListCustomerProfileEventsRequest.newBuilder().addAllCustomerIds(ids)
                .setFilter(filter).setPageSize(size).setPageToken(token).build()),
            r -> new HistorySource.Page(r.getEventsList(), r.getNextPageToken()), MoreExecutors.directExecutor()));
  }

  private HistorySource feedback() {
    return new Source(TimelineSource.TIMELINE_SOURCE_FEEDBACK, "feedback", (ids, filter, size, token, requestId) ->
        Futures.transform(FeedbackServiceGrpc.newFutureStub(channel("feedback", requestId))
            .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .listCustomerFeedbackEvents(ListCustomerFeedbackEventsRequest.newBuilder().addAllCustomerIds(ids)
                .setFilter(filter).setPageSize(size).setPageToken(token).build()),
            r -> new HistorySource.Page(r.getEventsList(), r.getNextPageToken()), MoreExecutors.directExecutor()));
  }

  private HistorySource returns() {
    return new Source(TimelineSource.TIMELINE_SOURCE_RETURNS, "returns", (ids, filter, size, token, requestId) ->
        Futures.transform(ReturnsServiceGrpc.newFutureStub(channel("returns", requestId))
            .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .listCustomerReturnEvents(ListCustomerReturnEventsRequest.newBuilder().addAllCustomerIds(ids)
                .setFilter(filter).setPageSize(size).setPageToken(token).build()),
            r -> new HistorySource.Page(r.getEventsList(), r.getNextPageToken()), MoreExecutors.directExecutor()));
  }

  private Channel channel(String backend, String requestId) {
    return channel(backend, requestId, "Bearer " + tokens.serviceToken());
  }

  private Channel channel(String backend, String requestId, String authorization) {
    Metadata headers = new Metadata();
    headers.put(REQUEST_ID, requestId);
    headers.put(TranscodingHandler.AUTHORIZATION, authorization);
    return ClientInterceptors.intercept(backends.channel(backend), MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** One source's call, as a function of the page it asks for. */
  @FunctionalInterface
  private interface PageCall {
    ListenableFuture<HistorySource.Page> call(List<String> ids, TimelineFilter filter, int size, String token,
        String requestId);
  }

  private final class Source implements HistorySource {
    private final TimelineSource source;
    private final String backend;
    private final PageCall call;

    Source(TimelineSource source, String backend, PageCall call) {
      this.source = source;
      this.backend = backend;
      this.call = call;
    }

    @Override
    public TimelineSource source() {
      return source;
    }

    @Override
    public CompletableFuture<Page> page(List<String> customerIds, TimelineFilter filter, int pageSize, String pageToken,
        String requestId) {
      Timer.Sample sample = Timer.start(meters);
      return GrpcFutures.toCompletable(call.call(customerIds, filter, pageSize, pageToken, requestId))
          .whenComplete((page, failed) -> {
            sample.stop(Timer.builder(SOURCE_TIMER)
                .description("Calls of the timeline's fan-out, per source")
                .tag("source", backend)
                .tag("outcome", failed == null ? "OK" : Status.fromThrowable(failed).getCode().name())
                .register(meters));
            if (failed != null) {
              backends.reconnectSoon(backend);
            }
          });
    }
  }

}
