package cx.feedback.api;

import cx.feedback.domain.Channel;
import cx.feedback.domain.ProfileDirectory;
import cx.profile.v1.CheckConsentRequest;
import cx.profile.v1.ConsentChannel;
import cx.profile.v1.ConsentPurpose;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.ProfileServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * profile-service over gRPC, each call with a deadline. Whatever goes wrong on the way (nothing
 * listening, too slow, a profile-service that does not implement the method) makes the consent
 * {@link Consent#UNKNOWN} with the given id alone, never an error of the caller's call.
 */
final class GrpcProfileDirectory implements ProfileDirectory {

  private static final Logger log = LoggerFactory.getLogger(GrpcProfileDirectory.class);

  private final ProfileServiceGrpc.ProfileServiceBlockingStub profiles;
  private final Duration deadline;

  GrpcProfileDirectory(ProfileServiceGrpc.ProfileServiceBlockingStub profiles, Duration deadline) {
    this.profiles = profiles;
    this.deadline = deadline;
  }

  @Override
  public SurveyConsent surveyConsent(String customerId, Channel channel) {
    String name = "customers/" + customerId;
    Set<String> ids = new LinkedHashSet<>();
    ids.add(customerId);
    try {
      var customer = stub().getCustomer(GetCustomerRequest.newBuilder().setName(name).build()).getCustomer();
      // Asked by an id merged away, profile-service answers with the surviving profile.
      ids.add(bareId(customer.getName()));
      customer.getMergedCustomerIdsList().forEach(id -> ids.add(bareId(id)));
      boolean allowed = stub().checkConsent(CheckConsentRequest.newBuilder().setCustomer(name)
          .setPurpose(ConsentPurpose.CONSENT_PURPOSE_SURVEYS).setChannel(consentChannel(channel)).build()).getAllowed();
      return new SurveyConsent(ids, allowed ? Consent.ALLOWED : Consent.REFUSED);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        // An id profile-service does not know (or erased) has no consent to be surveyed.
        return new SurveyConsent(ids, Consent.REFUSED);
      }
      log.warn("profile-service could not answer for survey consent: {}", e.getStatus().getCode());
      return new SurveyConsent(Set.of(customerId), Consent.UNKNOWN);
    }
  }

  private static String bareId(String idOrName) {
    return idOrName.startsWith("customers/") ? idOrName.substring("customers/".length()) : idOrName;
  }

  private ProfileServiceGrpc.ProfileServiceBlockingStub stub() {
    return profiles.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The means of contact a channel's survey request reaches the customer by. */
  static ConsentChannel consentChannel(Channel channel) {
    return switch (channel) {
      case EMAIL -> ConsentChannel.CONSENT_CHANNEL_EMAIL;
      case SMS -> ConsentChannel.CONSENT_CHANNEL_SMS;
      case MOBILE_APP -> ConsentChannel.CONSENT_CHANNEL_PUSH;
      case CALL_CENTER -> ConsentChannel.CONSENT_CHANNEL_PHONE;
      default -> ConsentChannel.CONSENT_CHANNEL_ANY;
    };
  }
}
