package cx.profile.api;

import cx.profile.domain.Customer;
import cx.profile.domain.CustomerRegistry;
import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.CreateCustomerResponse;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.GetCustomerResponse;
import cx.profile.v1.ProfileServiceGrpc;
import cx.runtime.idempotency.IdempotencyKeys;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * The gRPC face of profile-service: maps requests to the domain and results back. Failures
 * thrown here are mapped to statuses by the service runtime's failure handler.
 */
@Service
public class ProfileGrpcService extends ProfileServiceGrpc.ProfileServiceImplBase {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private final CustomerRegistry customers;
  private final CustomerMessages messages;
  private final IdempotencyKeys idempotencyKeys;
  private final Clock clock;

  public ProfileGrpcService(CustomerRegistry customers, CustomerMessages messages, IdempotencyKeys idempotencyKeys,
      Clock clock) {
    this.customers = customers;
    this.messages = messages;
    this.idempotencyKeys = idempotencyKeys;
    this.clock = clock;
  }

  /**
   * Creates a customer profile. With a {@code request_id}, retries return the first result and
   * create nothing more.
   */
  @Override
  public void createCustomer(CreateCustomerRequest request, StreamObserver<CreateCustomerResponse> response) {
    var newCustomer = messages.toNewCustomer(request.getCustomer(), clock.instant());
    String id = request.getRequestId().isEmpty()
        ? newId()
        : idempotencyKeys.reserve("CreateCustomer", "request_id", request.getRequestId(),
            IdempotencyKeys.fingerprint(request.toBuilder().clearRequestId().build().toByteArray()),
            ProfileGrpcService::newId).resourceId();
    Customer created = customers.create(id, newCustomer);
    response.onNext(CreateCustomerResponse.newBuilder().setCustomer(messages.toMessage(created)).build());
    response.onCompleted();
  }

  /** Returns one customer profile by name. */
  @Override
  public void getCustomer(GetCustomerRequest request, StreamObserver<GetCustomerResponse> response) {
    Customer customer = customers.get(ResourceNames.customerId(request.getName(), "name"));
    response.onNext(GetCustomerResponse.newBuilder().setCustomer(messages.toMessage(customer)).build());
    response.onCompleted();
  }

  /** A new random customer id: 16 characters, about 80 bits, no look-alike characters. */
  static String newId() {
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
    }
    return new String(id).toLowerCase(Locale.ROOT);
  }
}
