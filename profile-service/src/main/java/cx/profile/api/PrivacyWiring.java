package cx.profile.api;

import com.mongodb.client.MongoDatabase;
import cx.profile.domain.AuditTrail;
import cx.profile.domain.CustomerRegistry;
import cx.profile.domain.CustomerStore;
import cx.profile.domain.ExportDocumentStore;
import cx.profile.domain.PersonalDataHolder;
import cx.profile.domain.PrivacyFanOut;
import cx.profile.domain.PrivacyRequestStore;
import cx.profile.domain.PrivacyRequests;
import cx.profile.domain.RetryBackoff;
import cx.profile.domain.StoredExports;
import cx.profile.store.MongoExportDocumentStore;
import cx.profile.store.MongoPrivacyRequestStore;
import cx.runtime.auth.ServiceCredentials;
import cx.runtime.idempotency.IdempotencyKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.util.unit.DataSize;

/**
 * Connects data-subject requests to the store, to feedback-service and returns-service (the
 * {@code feedback} and {@code returns} channels of {@code spring.grpc.client.channel}, created by
 * the channel factory so that its customizers apply), and to the background worker.
 */
@Configuration(proxyBeanMethods = false)
class PrivacyWiring {

  @Bean
  PrivacyRequestStore privacyRequestStore(MongoDatabase database) {
    return new MongoPrivacyRequestStore(database);
  }

  @Bean
  ExportDocumentStore exportDocumentStore(MongoDatabase database) {
    return new MongoExportDocumentStore(database);
  }

  /** Earlier exports' documents, deleted when the customer is erased. */
  @Bean
  StoredExports storedExports(PrivacyRequestStore requests, ExportDocumentStore documents) {
    return new StoredExports(requests, documents);
  }

  @Bean
  PrivacyRequests privacyRequests(PrivacyRequestStore store, ExportDocumentStore documents,
      CustomerRegistry registry, AuditTrail audit, Clock clock) {
    return new PrivacyRequests(store, documents, registry, audit, clock);
  }

  @Bean
  PrivacyFanOut privacyFanOut(PrivacyRequestStore store, ExportDocumentStore documents, PrivacyRpcs ownPart,
      GrpcChannelFactory channels, ServiceCredentials credentials, CustomerStore customers,
      @Value("${cx.profile.privacy.call-deadline}") Duration deadline,
      @Value("${cx.profile.privacy.retry-first-delay}") Duration firstDelay,
      @Value("${cx.profile.privacy.retry-max-delay}") Duration maxDelay,
      @Value("${cx.profile.privacy.export-max-size}") DataSize exportMaxSize,
      @Value("${cx.profile.privacy.export-retention}") Duration exportRetention, Clock clock) {
    List<PersonalDataHolder> holders = List.of(new ProfileDataHolder(ownPart),
        // The platform's own calls: this service's token, whoever started the request.
        RemoteDataHolders.feedback(channels.createChannel("feedback"), credentials, deadline),
        RemoteDataHolders.returns(channels.createChannel("returns"), credentials, deadline));
    return new PrivacyFanOut(store, documents, holders, PrivacyFanOut.ErasedCustomers.in(customers),
        new RetryBackoff(firstDelay, maxDelay), exportMaxSize.toBytes(), exportRetention, clock);
  }

  /** The background fan-out; tests that drive the fan-out step by step turn it off. */
  @Bean
  @ConditionalOnProperty(name = "cx.profile.privacy.worker-enabled", havingValue = "true", matchIfMissing = true)
  PrivacyWorker privacyWorker(PrivacyFanOut fanOut,
      @Value("${cx.profile.privacy.poll-interval}") Duration pollInterval) {
    return new PrivacyWorker(fanOut, pollInterval);
  }

  @Bean
  PrivacyRequestRpcs privacyRequestRpcs(PrivacyRequests requests, IdempotencyKeys idempotencyKeys,
      NewestFirstTokens tokens) {
    return new PrivacyRequestRpcs(requests, idempotencyKeys, tokens);
  }
}
