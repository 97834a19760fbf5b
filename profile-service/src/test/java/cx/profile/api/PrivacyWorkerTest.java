package cx.profile.api;

import static org.assertj.core.api.Assertions.assertThat;

import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.Customer;
import cx.profile.v1.GetPrivacyRequestRequest;
import cx.profile.v1.PrivacyRequest;
import cx.profile.v1.PrivacyRequestState;
import cx.profile.v1.ProfileServiceGrpc.ProfileServiceBlockingStub;
import cx.profile.v1.ReceiptState;
import cx.profile.v1.ServiceReceipt;
import cx.profile.v1.StartCustomerErasureRequest;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.TestCallers;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** The background worker on its own: a started erasure finishes with nobody driving it, after a service comes back. */
@SpringBootTest(properties = {"cx.profile.privacy.poll-interval=100ms", "cx.profile.privacy.retry-first-delay=200ms",
    "cx.profile.privacy.retry-max-delay=400ms"})
@AutoConfigureTestGrpcTransport
@ActiveProfiles("test")
@Import({InProcessClients.class, FakePeerServices.class})
class PrivacyWorkerTest {

  @Autowired
  ProfileServiceBlockingStub profiles;

  @Autowired
  CallerTokens tokens;

  @Autowired
  FakePeerServices.FakeReturns returns;

  @Test
  void finishesAnErasureInTheBackgroundOnceAServiceThatWasDownIsBack() throws Exception {
    Customer customer = profiles.createCustomer(CreateCustomerRequest.newBuilder()
        .setCustomer(Customer.newBuilder().setDisplayName("Wanda Worker")).build()).getCustomer();
    returns.order(customer.getName().substring("customers/".length()), "o1");
    returns.peer.down = true;
    PrivacyRequest started = TestCallers.admin(profiles, tokens).startCustomerErasure(StartCustomerErasureRequest.newBuilder()
        .setCustomer(customer.getName()).build()).getPrivacyRequest();

    PrivacyRequest retrying = await(started, r -> r.getReceipts(2).getAttemptCount() >= 2);
    assertThat(retrying.getState()).isEqualTo(PrivacyRequestState.PRIVACY_REQUEST_STATE_IN_PROGRESS);
    assertThat(retrying.getReceipts(2).getState()).isEqualTo(ReceiptState.RECEIPT_STATE_RETRYING);
    assertThat(retrying.getReceipts(0).getState()).isEqualTo(ReceiptState.RECEIPT_STATE_DONE);

    returns.peer.down = false;
    PrivacyRequest done = await(started,
        r -> r.getState() == PrivacyRequestState.PRIVACY_REQUEST_STATE_SUCCEEDED);

    assertThat(done.getReceiptsList()).extracting(ServiceReceipt::getState).containsOnly(ReceiptState.RECEIPT_STATE_DONE);
    assertThat(returns.orders).isEmpty();
  }

  private PrivacyRequest await(PrivacyRequest request, Predicate<PrivacyRequest> until) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    PrivacyRequest current;
    do {
      Thread.sleep(50);
      current = TestCallers.admin(profiles, tokens).getPrivacyRequest(GetPrivacyRequestRequest.newBuilder().setName(request.getName()).build())
          .getPrivacyRequest();
    } while (!until.test(current) && System.nanoTime() < deadline);
    assertThat(until.test(current)).as("the request got there in time: %s", current).isTrue();
    return current;
  }
}
