package cx.runtime.auth;

import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import cx.common.v1.CallerRole;
import cx.profile.v1.Customer;
import cx.profile.v1.ExportCustomerDataRequest;
import cx.profile.v1.ExportCustomerDataResponse;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.GetCustomerResponse;
import cx.profile.v1.ProfileServiceGrpc;
import cx.profile.v1.SearchCustomersRequest;
import cx.profile.v1.UpdateCustomerRequest;
import cx.profile.v1.UpdateCustomerResponse;
import cx.runtime.grpc.DomainFailureHandler;
import cx.runtime.testing.TestCallers;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a call is admitted or refused, on a real in-process gRPC server. */
class CallerCheckTest {

  private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  private final CallerTokens tokens = new CallerTokens(
      new AuthProperties(KEY, "cx-local", "cx-platform", null, Duration.ofMinutes(5)), "test-service", Clock.systemUTC());
  private final AtomicInteger served = new AtomicInteger();
  private Server server;
  private ManagedChannel channel;
  private ProfileServiceGrpc.ProfileServiceBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(new EchoService(), new CallerCheck(tokens, new DomainFailureHandler("test.cx"))))
        .build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    stub = ProfileServiceGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void aCallWithoutTokenIsUnauthenticated() throws Exception {
    StatusRuntimeException e = failure(() -> stub.getCustomer(get("customers/c1")));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(errorInfo(e).getReason()).isEqualTo("CREDENTIALS_MISSING");
    assertThat(served).hasValue(0);
  }

  @Test
  void tokensThatProveNothingAreRefused() throws Exception {
    Instant now = Instant.now();
    String otherKey = Base64.getEncoder().encodeToString("another-key-another-key-another-k".getBytes());
    List<String> bad = List.of(
        "not-a-jwt",
        signed(KEY, claims("agent", now.plusSeconds(600)).issuer("someone-else").build()),
        signed(KEY, claims("agent", now.plusSeconds(600)).audience("another-audience").build()),
        signed(KEY, claims("agent", now.minusSeconds(600)).build()),
        signed(KEY, claims("agent", null).build()),
        signed(otherKey, claims("agent", now.plusSeconds(600)).build()),
        signed(KEY, claims("superuser", now.plusSeconds(600)).build()),
        new PlainJWT(new PlainHeader(), claims("admin", now.plusSeconds(600)).build()).serialize());
    for (String token : bad) {
      StatusRuntimeException e = failure(() -> stub.withInterceptors(TestCallers.bearer(token)).getCustomer(get("customers/c1")));
      assertThat(e.getStatus().getCode()).as(token).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(errorInfo(e).getReason()).isEqualTo("CREDENTIALS_INVALID");
    }
    assertThat(served).hasValue(0);
    String good = signed(KEY, claims("agent", now.plusSeconds(600)).build());
    assertThat(stub.withInterceptors(TestCallers.bearer(good)).getCustomer(get("customers/c1")).getCustomer().getName())
        .isEqualTo("customers/c1");
  }

  @Test
  void aRoleTheContractDoesNotAdmitIsDenied() throws Exception {
    StatusRuntimeException e = failure(() -> TestCallers.customer(stub, tokens, "c1")
        .searchCustomers(SearchCustomersRequest.newBuilder().setNamePrefix("A").build()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(errorInfo(e).getReason()).isEqualTo("ROLE_NOT_ALLOWED");

    StatusRuntimeException internal = failure(() -> TestCallers.agent(stub, tokens)
        .exportCustomerData(ExportCustomerDataRequest.newBuilder().addCustomerIds("c1").build()));
    assertThat(internal.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(served).hasValue(0);

    ProfileServiceGrpc.ProfileServiceBlockingStub asService = stub.withInterceptors(new ServiceCredentials(tokens));
    assertThat(asService.exportCustomerData(ExportCustomerDataRequest.newBuilder().addCustomerIds("c1").build())).isNotNull();
  }

  @Test
  void aCustomerReachesOnlyTheirOwnProfileAndAnyOtherLooksMissing() throws Exception {
    ProfileServiceGrpc.ProfileServiceBlockingStub asC1 = TestCallers.customer(stub, tokens, "c1");
    assertThat(asC1.getCustomer(get("customers/c1")).getCustomer().getName()).isEqualTo("customers/c1");

    StatusRuntimeException other = failure(() -> asC1.getCustomer(get("customers/c2")));
    assertThat(other.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(other.getStatus().getDescription()).isEqualTo("customers/c2 was not found.");
    assertThat(errorInfo(other).getReason()).isEqualTo("RESOURCE_NOT_FOUND");

    StatusRuntimeException nested = failure(() -> asC1.updateCustomer(UpdateCustomerRequest.newBuilder()
        .setCustomer(Customer.newBuilder().setName("customers/c2").setDisplayName("x")).build()));
    assertThat(nested.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

    StatusRuntimeException everyone = failure(() -> asC1.getCustomer(get("customers/-")));
    assertThat(everyone.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(served).hasValue(1);

    assertThat(TestCallers.agent(stub, tokens).getCustomer(get("customers/c2")).getCustomer().getName())
        .isEqualTo("customers/c2");
  }

  @Test
  void theServiceSeesTheVerifiedCaller() {
    assertThat(TestCallers.customer(stub, tokens, "c1").updateCustomer(UpdateCustomerRequest.newBuilder()
        .setCustomer(Customer.newBuilder().setName("customers/c1")).build()).getCustomer().getDisplayName())
        .isEqualTo("customer c1");
    assertThat(TestCallers.admin(stub, tokens).updateCustomer(UpdateCustomerRequest.newBuilder()
        .setCustomer(Customer.newBuilder().setName("customers/c1")).build()).getCustomer().getDisplayName())
        .isEqualTo("admin admin-1");
  }

  private static GetCustomerRequest get(String name) {
    return GetCustomerRequest.newBuilder().setName(name).build();
  }

  private static JWTClaimsSet.Builder claims(String role, Instant expires) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("cx-local").audience("cx-platform")
        .subject("someone").claim("role", role);
    return expires == null ? claims : claims.expirationTime(Date.from(expires));
  }

  private static String signed(String base64Key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(Base64.getDecoder().decode(base64Key)));
    return jwt.serialize();
  }

  /** Answers with what it was asked and who asked. */
  private final class EchoService extends ProfileServiceGrpc.ProfileServiceImplBase {
    @Override
    public void getCustomer(GetCustomerRequest request, StreamObserver<GetCustomerResponse> response) {
      served.incrementAndGet();
      response.onNext(GetCustomerResponse.newBuilder().setCustomer(Customer.newBuilder().setName(request.getName())).build());
      response.onCompleted();
    }

    @Override
    public void updateCustomer(UpdateCustomerRequest request, StreamObserver<UpdateCustomerResponse> response) {
      Caller caller = Callers.current();
      response.onNext(UpdateCustomerResponse.newBuilder().setCustomer(Customer.newBuilder()
          .setName(request.getCustomer().getName())
          .setDisplayName(CallerTokens.nameOf(caller.role()) + " " + caller.subject())).build());
      response.onCompleted();
    }

    @Override
    public void exportCustomerData(ExportCustomerDataRequest request, StreamObserver<ExportCustomerDataResponse> response) {
      response.onNext(ExportCustomerDataResponse.getDefaultInstance());
      response.onCompleted();
    }
  }
}
