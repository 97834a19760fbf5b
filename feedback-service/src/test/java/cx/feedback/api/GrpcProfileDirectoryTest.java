package cx.feedback.api;

import static org.assertj.core.api.Assertions.assertThat;

import cx.feedback.domain.Channel;
import cx.feedback.domain.ProfileDirectory;
import cx.profile.v1.CheckConsentRequest;
import cx.profile.v1.CheckConsentResponse;
import cx.profile.v1.ConsentChannel;
import cx.profile.v1.Customer;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.GetCustomerResponse;
import cx.profile.v1.ProfileServiceGrpc;
import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client of profile-service against an in-process fake, a slow one, a foreign one and nothing at all. */
class GrpcProfileDirectoryTest {

  final List<Server> servers = new ArrayList<>();
  final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    servers.forEach(Server::shutdownNow);
  }

  /** A profile-service that knows customer c1, with c0 merged into it, and its consent. */
  static final class FakeProfiles extends ProfileServiceGrpc.ProfileServiceImplBase {
    final boolean allowed;
    final Duration delay;
    ConsentChannel askedChannel;

    FakeProfiles(boolean allowed, Duration delay) {
      this.allowed = allowed;
      this.delay = delay;
    }

    @Override
    public void getCustomer(GetCustomerRequest request, StreamObserver<GetCustomerResponse> response) {
      pause();
      if (!request.getName().equals("customers/c1")) {
        response.onError(Status.NOT_FOUND.asRuntimeException());
        return;
      }
      response.onNext(GetCustomerResponse.newBuilder().setCustomer(Customer.newBuilder().setName("customers/c1")
          .addMergedCustomerIds("c0")).build());
      response.onCompleted();
    }

    @Override
    public void checkConsent(CheckConsentRequest request, StreamObserver<CheckConsentResponse> response) {
      askedChannel = request.getChannel();
      response.onNext(CheckConsentResponse.newBuilder().setAllowed(allowed).build());
      response.onCompleted();
    }

    private void pause() {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  GrpcProfileDirectory directoryServedBy(BindableService service) throws Exception {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder server = InProcessServerBuilder.forName(name).directExecutor();
    if (service != null) {
      server.addService(service);
    }
    servers.add(server.build().start());
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    channels.add(channel);
    return new GrpcProfileDirectory(ProfileServiceGrpc.newBlockingStub(channel), Duration.ofSeconds(1));
  }

  @Test
  void consentAndMergedIdsComeFromProfileService() throws Exception {
    FakeProfiles profiles = new FakeProfiles(true, Duration.ZERO);

    ProfileDirectory.SurveyConsent answer = directoryServedBy(profiles).surveyConsent("c1", Channel.MOBILE_APP);

    assertThat(answer.consent()).isEqualTo(ProfileDirectory.Consent.ALLOWED);
    assertThat(answer.customerIds()).isEqualTo(Set.of("c1", "c0"));
    assertThat(profiles.askedChannel).isEqualTo(ConsentChannel.CONSENT_CHANNEL_PUSH);
  }

  @Test
  void aRefusalOrAnUnknownCustomerIsNoConsent() throws Exception {
    assertThat(directoryServedBy(new FakeProfiles(false, Duration.ZERO)).surveyConsent("c1", Channel.EMAIL)
        .consent()).isEqualTo(ProfileDirectory.Consent.REFUSED);
    assertThat(directoryServedBy(new FakeProfiles(true, Duration.ZERO)).surveyConsent("nobody", Channel.EMAIL)
        .consent()).isEqualTo(ProfileDirectory.Consent.REFUSED);
  }

  @Test
  void aSlowOrIncapableProfileServiceLeavesConsentUnknown() throws Exception {
    ProfileDirectory.SurveyConsent slow = directoryServedBy(new FakeProfiles(true, Duration.ofSeconds(3)))
        .surveyConsent("c1", Channel.EMAIL);
    ProfileDirectory.SurveyConsent unimplemented = directoryServedBy(null).surveyConsent("c1", Channel.EMAIL);

    assertThat(slow).isEqualTo(new ProfileDirectory.SurveyConsent(Set.of("c1"), ProfileDirectory.Consent.UNKNOWN));
    assertThat(unimplemented.consent()).isEqualTo(ProfileDirectory.Consent.UNKNOWN);
  }

  @Test
  void nothingListeningLeavesConsentUnknown() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ManagedChannel channel = Grpc.newChannelBuilder("localhost:" + port, InsecureChannelCredentials.create()).build();
    channels.add(channel);

    ProfileDirectory.SurveyConsent answer = new GrpcProfileDirectory(ProfileServiceGrpc.newBlockingStub(channel),
        Duration.ofMillis(300)).surveyConsent("c1", Channel.SMS);

    assertThat(answer.consent()).isEqualTo(ProfileDirectory.Consent.UNKNOWN);
    assertThat(answer.customerIds()).containsExactly("c1");
  }
}
