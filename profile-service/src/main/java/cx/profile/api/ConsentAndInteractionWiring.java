package cx.profile.api;

import com.mongodb.client.MongoDatabase;
import cx.profile.domain.AuditStore;
import cx.profile.domain.AuditTrail;
import cx.profile.domain.ConsentBook;
import cx.profile.domain.ConsentPurpose;
import cx.profile.domain.ConsentStore;
import cx.profile.domain.CustomerDirectory;
import cx.profile.domain.CustomerRegistry;
import cx.profile.domain.InteractionLog;
import cx.profile.domain.InteractionStore;
import cx.profile.store.MongoAuditStore;
import cx.profile.store.MongoConsentStore;
import cx.profile.store.MongoInteractionStore;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.paging.PageTokens;
import cx.runtime.paging.TimelinePaging;
import cx.runtime.observability.BusinessEventCounter;
import cx.runtime.store.MongoCustomerEventLog;
import cx.runtime.timeline.CustomerEventLog;
import java.time.Clock;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects consents, touchpoints, the audit log and the profile timeline to the MongoDB store
 * and the configuration.
 */
@Configuration(proxyBeanMethods = false)
class ConsentAndInteractionWiring {

  /** The profile's timeline: touchpoints, profile, identity, consent and merge events. */
  @Bean
  CustomerEventLog profileEventLog(MongoDatabase database, BusinessEventCounter businessEvents) {
    return new MongoCustomerEventLog(database, "timeline", businessEvents);
  }

  @Bean
  CustomerDirectory customerDirectory(CustomerRegistry registry) {
    return CustomerDirectory.over(registry);
  }

  @Bean
  ConsentStore consentStore(MongoDatabase database) {
    return new MongoConsentStore(database);
  }

  @Bean
  AuditStore auditStore(MongoDatabase database) {
    return new MongoAuditStore(database);
  }

  @Bean
  AuditTrail auditTrail(AuditStore store, CustomerDirectory directory, Clock clock) {
    return new AuditTrail(store, directory, clock);
  }

  /**
   * @param allowedByDefault the purposes a customer who decided nothing may be contacted for,
   *     comma-separated; {@code CX_PROFILE_CONSENT_ALLOWED_BY_DEFAULT} overrides it
   */
  @Bean
  ConsentBook consentBook(ConsentStore store, CustomerDirectory directory, AuditTrail audit,
      CustomerEventLog profileEventLog,
      @Value("${cx.profile.consent.allowed-by-default:SERVICE_UPDATES}") Set<ConsentPurpose> allowedByDefault,
      Clock clock) {
    return new ConsentBook(store, directory, audit, profileEventLog, allowedByDefault, clock);
  }

  @Bean
  InteractionStore interactionStore(MongoDatabase database) {
    return new MongoInteractionStore(database);
  }

  @Bean
  InteractionLog interactionLog(InteractionStore store, CustomerDirectory directory, CustomerEventLog profileEventLog,
      Clock clock) {
    return new InteractionLog(store, directory, profileEventLog, clock);
  }

  @Bean
  InteractionRpcs interactionRpcs(InteractionLog interactions, CustomerEventLog profileEventLog, PageTokens tokens) {
    return new InteractionRpcs(interactions, profileEventLog, new TimelinePaging(tokens, "ListInteractions"),
        new TimelinePaging(tokens, "ListCustomerProfileEvents"));
  }

  @Bean
  NewestFirstTokens newestFirstTokens(PageTokens tokens) {
    return new NewestFirstTokens(tokens);
  }

  @Bean
  ConsentRpcs consentRpcs(ConsentBook consents, CustomerRegistry customers, CustomerMessages customerMessages,
      IdempotencyKeys idempotencyKeys, NewestFirstTokens tokens, Clock clock) {
    return new ConsentRpcs(consents, customers, customerMessages, idempotencyKeys, tokens, clock);
  }

  @Bean
  AuditRpcs auditRpcs(AuditTrail audit, NewestFirstTokens tokens) {
    return new AuditRpcs(audit, tokens);
  }
}
