package cx.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import cx.access.SigningKey;
import cx.feedback.v1.FeedbackServiceGrpc;
import cx.profile.v1.ProfileServiceGrpc;
import cx.returns.v1.ReturnsServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;

/**
 * The running platform as the bench reaches it: the gateway over HTTP/1.1 (as a browser's
 * console does) and each service's gRPC API directly, with tokens it signs itself with the
 * platform's key.
 */
final class Platform implements AutoCloseable {

  /** Where each process listens. */
  record Addresses(String gateway, String profile, String feedback, String returns) {
  }

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
    Mac mac = mac(base64Key);
    this.agentToken = token(mac, issuer, audience, "agent", "bench-agent");
    String adminToken = token(mac, issuer, audience, "admin", "bench-admin");
    String serviceToken = token(mac, issuer, audience, "service", "bench");
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

  private static Mac mac(String base64Key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(SigningKey.fromBase64(base64Key));
      return mac;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** A token for the whole run (two hours), signed as {@code bin/cx token} signs one. */
  static String token(Mac mac, String issuer, String audience, String role, String subject) {
    long now = Instant.now().getEpochSecond();
    String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = base64Url(String.format("{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"%s\",\"role\":\"%s\","
        + "\"iat\":%d,\"exp\":%d}", issuer, audience, subject, role, now, now + 7_200).getBytes(StandardCharsets.UTF_8));
    String input = header + "." + payload;
    return input + "." + base64Url(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
