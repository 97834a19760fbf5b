package cx.profile.api;

import static cx.runtime.testing.MapperFuzzing.mapsOrFailsAsADomainFailure;

import com.code_intelligence.jazzer.junit.FuzzTest;
import cx.profile.domain.IdentityNormaliser;
import cx.profile.v1.Consent;
import cx.profile.v1.Customer;
import cx.profile.v1.Interaction;
import java.time.Instant;

/**
 * Whatever message a client sends, the proto → domain mappers of profile-service either build
 * what the domain takes or fail with a domain failure, which the runtime maps to a designed
 * status; any other exception would reach the client as INTERNAL. Kept inputs (serialised
 * messages) live in {@code src/test/resources/cx/profile/api/ProfileMessagesFuzzTestInputs/}.
 */
class ProfileMessagesFuzzTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final CustomerMessages CUSTOMERS = new CustomerMessages(new IdentityNormaliser("GB"));

  @FuzzTest(maxDuration = "2m")
  void anyCustomerMapsOrFailsAsADomainFailure(byte[] bytes) {
    mapsOrFailsAsADomainFailure(bytes, Customer.parser(), customer -> CUSTOMERS.toNewCustomer(customer, NOW));
  }

  @FuzzTest(maxDuration = "2m")
  void anyInteractionMapsOrFailsAsADomainFailure(byte[] bytes) {
    mapsOrFailsAsADomainFailure(bytes, Interaction.parser(), InteractionMessages::toNewInteraction);
  }

  @FuzzTest(maxDuration = "2m")
  void anyConsentMapsOrFailsAsADomainFailure(byte[] bytes) {
    mapsOrFailsAsADomainFailure(bytes, Consent.parser(), consent -> ConsentMessages.toDecision(consent, NOW, "consent"));
  }
}
