package cx.runtime;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import cx.runtime.auth.AuthProperties;
import cx.runtime.auth.CallerCheck;
import cx.runtime.auth.CallerTokens;
import cx.runtime.auth.ServiceCredentials;
import cx.runtime.grpc.DomainFailureHandler;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.observability.BusinessEventCounter;
import cx.runtime.observability.CallLogInterceptor;
import cx.runtime.paging.PageTokens;
import cx.runtime.store.EmbeddedMongoServer;
import cx.runtime.store.StoreProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsConnectionPoolListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * Wires what every service shares: its store (the configured MongoDB, or the embedded
 * MongoDB-wire server when none is configured), the error mapping, page tokens,
 * idempotency keys, the call log and the store and business metrics.
 */
@AutoConfiguration
@EnableConfigurationProperties({StoreProperties.class, AuthProperties.class})
public class ServiceRuntimeAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  EmbeddedStore embeddedStore(StoreProperties store) {
    if (!store.embedded()) {
      return new EmbeddedStore(null);
    }
    String directory = store.dataDirectory();
    return new EmbeddedStore(directory == null || directory.isBlank()
        ? EmbeddedMongoServer.inMemory()
        : EmbeddedMongoServer.onDisk(Path.of(directory), store.database()));
  }

  /** Store calls are timed per command and collection as {@code mongodb.driver.commands}. */
  @Bean(destroyMethod = "close")
  MongoClient mongoClient(StoreProperties store, EmbeddedStore embedded, ObjectProvider<MeterRegistry> meters) {
    String uri = store.embedded() ? embedded.server().connectionString() : store.uri();
    MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
    return MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .addCommandListener(new MongoMetricsCommandListener(registry))
        .applyToConnectionPoolSettings(pool -> pool.addConnectionPoolListener(
            new MongoMetricsConnectionPoolListener(registry)))
        .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
        .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS))
        .applicationName(store.database())
        .build());
  }

  @Bean
  MongoDatabase mongoDatabase(MongoClient client, StoreProperties store) {
    return client.getDatabase(store.database());
  }

  @Bean
  IdempotencyKeys idempotencyKeys(MongoDatabase database, Clock clock) {
    return new IdempotencyKeys(database, clock);
  }

  @Bean
  PageTokens pageTokens(@Value("${cx.paging.token-key}") String key) {
    return new PageTokens(key);
  }

  @Bean
  DomainFailureHandler domainFailureHandler(@Value("${cx.errors.domain}") String domain) {
    return new DomainFailureHandler(domain);
  }

  @Bean
  CallerTokens callerTokens(AuthProperties auth, @Value("${spring.application.name}") String serviceName) {
    // Tokens are checked against real time, never against a clock a test or simulation moves.
    return new CallerTokens(auth, serviceName, Clock.systemUTC());
  }

  /**
   * Every call must come from a verified caller whom the method's contract admits. Inside the
   * tracing and call-log interceptors, so that a refused call is traced and logged too.
   */
  @Bean
  @GlobalServerInterceptor
  @Order(200)
  CallerCheck callerCheck(CallerTokens tokens, DomainFailureHandler failures) {
    return new CallerCheck(tokens, failures);
  }

  @Bean
  ServiceCredentials serviceCredentials(CallerTokens tokens) {
    return new ServiceCredentials(tokens);
  }

  @Bean
  BusinessEventCounter businessEventCounter(ObjectProvider<MeterRegistry> meters) {
    return new BusinessEventCounter(meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  /** Inside the tracing interceptor (order 0), so the trace id is known when a call logs. */
  @Bean
  @GlobalServerInterceptor
  @Order(100)
  CallLogInterceptor callLogInterceptor(DomainFailureHandler failures) {
    return new CallLogInterceptor(failures::codeOf);
  }

  /** Holds the embedded server, when there is one, so that it outlives the client. */
  record EmbeddedStore(EmbeddedMongoServer server) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}
