package cx.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import cx.common.v1.CallerRole;
import cx.feedback.v1.FeedbackServiceGrpc;
import cx.profile.v1.ProfileServiceGrpc;
import cx.returns.v1.ReturnsServiceGrpc;
import cx.runtime.auth.AuthProperties;
import cx.runtime.auth.CallerTokens;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The running platform as the bench reaches it: the gateway over HTTP/1.1 (as a browser's
 * console does) and each service's gRPC API directly, with tokens it signs itself with the
 * platform's key.
 */
final class Platform implements AutoCloseable {

  /** Where each process listens. */
  record Addresses(String gateway, String profile, String feedback, String returns) {
  }

  private static final Duration RUN_LIFETIME = Duration.ofHours(2);

  private final Addresses addresses;
  private final ExecutorService httpThreads = Executors.newFixedThreadPool(4);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).executor(httpThreads).build();
  private final List<ManagedChannel> channels;
  private final String agentToken;
  private final ProfileServiceGrpc.ProfileServiceFutureStub profile;
  private final FeedbackServiceGrpc.FeedbackServiceFutureStub feedback;
  private final ReturnsServiceGrpc.ReturnsServiceFutureStub returns;
  private final ProfileServiceGrpc.ProfileServiceFutureStub profileAsService;
  private final FeedbackServiceGrpc.FeedbackServiceFutureStub feedbackAsService;
  private final ReturnsServiceGrpc.ReturnsServiceFutureStub returnsAsService;

  Platform(Addresses addresses, String base64Key, String issuer, String audience) {
    this.addresses = addresses;
    ManagedChannel profileChannel = channel(addresses.profile());
    ManagedChannel feedbackChannel = channel(addresses.feedback());
    ManagedChannel returnsChannel = channel(addresses.returns());
    this.channels = List.of(profileChannel, feedbackChannel, returnsChannel);
    // Signed as every process of the platform signs and checks tokens, valid for a whole run.
    CallerTokens tokens = new CallerTokens(new AuthProperties(base64Key, issuer, audience, null, Duration.ofMinutes(5)),
        "bench", Clock.systemUTC());
    this.agentToken = tokens.mint(CallerRole.CALLER_ROLE_AGENT, "bench-agent", RUN_LIFETIME);
    String adminToken = tokens.mint(CallerRole.CALLER_ROLE_ADMIN, "bench-admin", RUN_LIFETIME);
    String serviceToken = tokens.mint(CallerRole.CALLER_ROLE_SERVICE, "bench", RUN_LIFETIME);
    this.profile = as(ProfileServiceGrpc.newFutureStub(profileChannel), adminToken);
    this.feedback = as(FeedbackServiceGrpc.newFutureStub(feedbackChannel), adminToken);
    this.returns = as(ReturnsServiceGrpc.newFutureStub(returnsChannel), adminToken);
    this.profileAsService = as(ProfileServiceGrpc.newFutureStub(profileChannel), serviceToken);
    this.feedbackAsService = as(FeedbackServiceGrpc.newFutureStub(feedbackChannel), serviceToken);
    this.returnsAsService = as(ReturnsServiceGrpc.newFutureStub(returnsChannel), serviceToken);
  }

  /** profile-service as an admin (who may do everything a person may). */
  ProfileServiceGrpc.ProfileServiceFutureStub profile() {
    return profile.withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  FeedbackServiceGrpc.FeedbackServiceFutureStub feedback() {
    return feedback.withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  ReturnsServiceGrpc.ReturnsServiceFutureStub returns() {
    return returns.withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** profile-service as a platform service, for the internal calls the gateway makes. */
  ProfileServiceGrpc.ProfileServiceFutureStub profileAsService() {
    return profileAsService.withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  FeedbackServiceGrpc.FeedbackServiceFutureStub feedbackAsService() {
    return feedbackAsService.withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  ReturnsServiceGrpc.ReturnsServiceFutureStub returnsAsService() {
    return returnsAsService.withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** GET {@code path} on the gateway as an agent; completes with the body of a 200 answer only. */
  CompletableFuture<String> get(String path) {
    return get(URI.create(addresses.gateway() + path), path);
  }

  /** GET {@code uri} with this bench's HTTP client, as {@link #get(String)} does. */
  CompletableFuture<String> get(URI uri, String path) {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("authorization", "Bearer " + agentToken).timeout(Duration.ofSeconds(30)).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
            + response.body().substring(0, Math.min(200, response.body().length())));
      }
      return response.body();
    });
  }

  /** A gRPC call's answer as a CompletableFuture. */
  static <T> CompletableFuture<T> answer(ListenableFuture<T> call) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    Futures.addCallback(call, new FutureCallback<T>() {
      @Override
      public void onSuccess(T result) {
        answer.complete(result);
      }

      @Override
      public void onFailure(Throwable failure) {
        answer.completeExceptionally(failure);
      }
    }, MoreExecutors.directExecutor());
    return answer;
  }

  @Override
  public void close() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    httpThreads.shutdownNow();
  }

  private static ManagedChannel channel(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    return NettyChannelBuilder.forAddress(hostAndPort.substring(0, colon),
        Integer.parseInt(hostAndPort.substring(colon + 1))).usePlaintext().maxInboundMessageSize(32 << 20).build();
  }

  private static <S extends AbstractStub<S>> S as(S stub, String token) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
