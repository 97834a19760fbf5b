package cx.profile.api;

import com.mongodb.client.MongoDatabase;
import cx.profile.domain.AuditTrail;
import cx.profile.domain.ConsentBook;
import cx.profile.domain.ConsentMerging;
import cx.profile.domain.CustomerErasure;
import cx.profile.domain.CustomerMerger;
import cx.profile.domain.CustomerRegistry;
import cx.profile.domain.CustomerStore;
import cx.profile.domain.IdentityNormaliser;
import cx.profile.domain.IdentityResolver;
import cx.profile.domain.IdentityRules;
import cx.profile.domain.IdentityType;
import cx.profile.domain.InteractionLog;
import cx.profile.domain.MergeCandidateStore;
import cx.profile.domain.MergeJournal;
import cx.profile.domain.PersonalDataPart;
import cx.profile.domain.PrivacyRequests;
import cx.profile.domain.ProfileAudit;
import cx.profile.store.MongoCustomerStore;
import cx.profile.store.MongoErasureReceipts;
import cx.profile.store.MongoMergeCandidateStore;
import cx.profile.store.MongoMergeJournal;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.paging.PageTokens;
import cx.runtime.timeline.CustomerEventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects the customer, identity and merge use cases to the MongoDB store. */
@Configuration(proxyBeanMethods = false)
class ProfileWiring {

  private static final Logger log = LoggerFactory.getLogger(ProfileWiring.class);

  @Bean
  CustomerStore customerStore(MongoDatabase database) {
    return new MongoCustomerStore(database);
  }

  @Bean
  MergeJournal mergeJournal(MongoDatabase database) {
    return new MongoMergeJournal(database);
  }

  @Bean
  MergeCandidateStore mergeCandidateStore(MongoDatabase database) {
    return new MongoMergeCandidateStore(database);
  }

  @Bean
  IdentityRules identityRules(@Value("${cx.profile.blocked-identifiers:}") List<String> blocked,
      @Value("${cx.profile.identity-cap:10}") int cap, @Value("${cx.profile.device-identity-cap:25}") int deviceCap) {
    Map<IdentityType, Integer> caps = new EnumMap<>(IdentityType.class);
    for (IdentityType type : IdentityType.values()) {
      caps.put(type, type == IdentityType.DEVICE_ID ? deviceCap : cap);
    }
    return new IdentityRules(new HashSet<>(blocked), caps);
  }

  /**
   * The merger. Consents and the audit trail resolve customers through the registry, which
   * finishes interrupted merges through the merger: the two are handed over lazily to break
   * the cycle.
   */
  @Bean
  CustomerMerger customerMerger(CustomerStore store, MergeJournal journal, IdentityRules rules,
      ObjectProvider<ConsentMerging> consents, CustomerEventLog events, ObjectProvider<ProfileAudit> audit,
      Clock clock) {
    ConsentMerging lazyConsents = new ConsentMerging() {
      @Override
      public void mergeInto(String survivorId, String mergedId, String mergeId, Instant now) {
        consents.getObject().mergeInto(survivorId, mergedId, mergeId, now);
      }

      @Override
      public void undoMerge(String survivorId, String mergedId, String mergeId, Instant now) {
        consents.getObject().undoMerge(survivorId, mergedId, mergeId, now);
      }
    };
    ProfileAudit lazyAudit = (customerId, action, actor, reason, rule, details) ->
        audit.getObject().record(customerId, action, actor, reason, rule, details);
    return new CustomerMerger(store, journal, rules, lazyConsents, events, lazyAudit, clock);
  }

  @Bean
  CustomerRegistry customerRegistry(CustomerStore store, IdentityRules rules, CustomerMerger merger,
      CustomerEventLog events, ObjectProvider<ProfileAudit> audit, Clock clock) {
    ProfileAudit lazyAudit = (customerId, action, actor, reason, rule, details) ->
        audit.getObject().record(customerId, action, actor, reason, rule, details);
    return new CustomerRegistry(store, rules, merger, events, lazyAudit, clock);
  }

  @Bean
  IdentityResolver identityResolver(CustomerRegistry registry, CustomerMerger merger, MergeCandidateStore candidates,
      IdentityRules rules, Clock clock) {
    return new IdentityResolver(registry, merger, candidates, rules, clock);
  }

  /** Finishes merges and unmerges a crash left half-way, before the service takes calls. */
  @Bean
  ApplicationRunner repairInterruptedMerges(CustomerMerger merger) {
    return args -> {
      int repaired = merger.repairUnfinished();
      if (repaired > 0) {
        log.info("Finished {} merge(s) left half-way", repaired);
      }
    };
  }

  @Bean
  CustomerErasure customerErasure(CustomerStore store, MergeJournal journal, MergeCandidateStore candidates,
      CustomerEventLog events, List<PersonalDataPart> otherParts, MongoDatabase database, AuditTrail audit,
      Clock clock) {
    return new CustomerErasure(store, journal, candidates, events, otherParts, new MongoErasureReceipts(database),
        audit, clock);
  }

  @Bean
  PrivacyRpcs privacyRpcs(CustomerErasure erasure, CustomerStore store, MergeJournal journal,
      MergeCandidateStore candidates, CustomerMessages customerMessages, MergeMessages mergeMessages,
      ConsentBook consents, InteractionLog interactions, AuditTrail audit, PrivacyRequests privacyRequests) {
    return new PrivacyRpcs(erasure, store, journal, candidates, customerMessages, mergeMessages, consents,
        interactions, audit, privacyRequests);
  }

  @Bean
  IdentityNormaliser identityNormaliser(@Value("${cx.profile.default-phone-region}") String region) {
    return new IdentityNormaliser(region);
  }

  @Bean
  CustomerMessages customerMessages(IdentityNormaliser normaliser) {
    return new CustomerMessages(normaliser);
  }

  @Bean
  MergeMessages mergeMessages(CustomerMessages customerMessages) {
    return new MergeMessages(customerMessages);
  }

  @Bean
  CustomerRpcs customerRpcs(CustomerRegistry registry, IdentityResolver resolver, CustomerMessages messages,
      IdentityNormaliser normaliser, IdempotencyKeys idempotencyKeys, PageTokens pageTokens,
      MergeMessages mergeMessages, ConsentBook consents, Clock clock) {
    return new CustomerRpcs(registry, resolver, messages, normaliser, idempotencyKeys, pageTokens, mergeMessages,
        consents, clock);
  }

  @Bean
  MergeRpcs mergeRpcs(CustomerRegistry registry, CustomerMerger merger, MergeJournal journal,
      MergeCandidateStore candidates, CustomerMessages customerMessages, MergeMessages messages,
      IdempotencyKeys idempotencyKeys, PageTokens pageTokens, Clock clock) {
    return new MergeRpcs(registry, merger, journal, candidates, customerMessages, messages, idempotencyKeys,
        pageTokens, clock);
  }
}
