package cx.profile.api;

import cx.profile.domain.PersonalDataHolder;
import cx.profile.domain.PlatformService;
import cx.profile.v1.EraseCustomerRequest;
import cx.profile.v1.EraseCustomerResponse;
import cx.profile.v1.ExportCustomerDataRequest;
import cx.profile.v1.ExportCustomerDataResponse;
import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.DomainFailure;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This service's own part of a privacy request, done in-process through the same code as its
 * internal EraseCustomer and ExportCustomerData RPCs, so that it answers exactly as the other
 * services do over the network.
 */
final class ProfileDataHolder implements PersonalDataHolder {

  private static final Logger log = LoggerFactory.getLogger(ProfileDataHolder.class);

  private final PrivacyRpcs privacy;

  ProfileDataHolder(PrivacyRpcs privacy) {
    this.privacy = privacy;
  }

  @Override
  public PlatformService service() {
    return PlatformService.PROFILE;
  }

  @Override
  public Erased erase(List<String> customerIds, String privacyRequest) {
    EraseCustomerResponse receipt = locally(() -> privacy.erase(EraseCustomerRequest.newBuilder()
        .addAllCustomerIds(customerIds).setPrivacyRequest(privacyRequest).build()));
    return new Erased(DispositionMessages.fromMessages(receipt.getDispositionsList()),
        ProtoValues.instant(true, receipt.getCompleteTime(), "complete_time").orElseThrow());
  }

  @Override
  public ExportPage export(List<String> customerIds, String privacyRequest, String pageToken) {
    ExportCustomerDataResponse page = locally(() -> privacy.export(ExportCustomerDataRequest.newBuilder()
        .addAllCustomerIds(customerIds).setPrivacyRequest(privacyRequest).setPageToken(pageToken).build()));
    return new ExportPage(page.getData().toByteArray(), DispositionMessages.fromMessages(page.getDispositionsList()),
        page.getNextPageToken());
  }

  /**
   * Runs the part, turning a failure into what a remote call would have reported: a domain
   * failure by its reason (retryable only for a lost race), anything else as INTERNAL, logged
   * here with an incident id since the receipt shows only the reason.
   */
  private static <T> T locally(java.util.function.Supplier<T> part) {
    try {
      return part.get();
    } catch (DomainFailure failure) {
      throw new Unavailable(failure.reason(), failure instanceof ConcurrentUpdateException);
    } catch (RuntimeException e) {
      String incident = UUID.randomUUID().toString();
      log.error("This service's part of a privacy request failed, incident {}", incident, e);
      throw new Unavailable("INTERNAL", true);
    }
  }
}
