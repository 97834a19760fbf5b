package cx.returns.api;

import com.mongodb.client.MongoDatabase;
import cx.returns.domain.CommerceAnalytics;
import cx.returns.domain.CustomerPrivacy;
import cx.returns.domain.CustomerRecords;
import cx.returns.domain.CustomerSummaries;
import cx.returns.domain.OrderBook;
import cx.returns.domain.OrderStore;
import cx.returns.domain.ReturnDesk;
import cx.returns.domain.ReturnPolicies;
import cx.returns.domain.ReturnPolicy;
import cx.returns.domain.ReturnRateRollups;
import cx.returns.domain.ReturnRates;
import cx.returns.domain.ReturnStore;
import cx.returns.domain.ReturnTimeline;
import cx.returns.domain.ReturnableUnits;
import cx.returns.store.MongoCustomerSummaries;
import cx.returns.store.MongoOrderStore;
import cx.returns.store.MongoPolicyStore;
import cx.returns.store.MongoPrivacyStore;
import cx.returns.store.MongoReturnRateRollups;
import cx.returns.store.MongoReturnStore;
import cx.runtime.observability.BusinessEventCounter;
import cx.runtime.store.MongoCustomerEventLog;
import cx.runtime.timeline.CustomerEventLog;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects the domain's use cases to the MongoDB store and the configured return policy. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReturnPolicySettings.class)
class ReturnsWiring {

  @Bean
  OrderStore orderStore(MongoDatabase database) {
    return new MongoOrderStore(database);
  }

  @Bean
  ReturnStore returnStore(MongoDatabase database) {
    return new MongoReturnStore(database);
  }

  /** The configured policy, in force until an administrator changes it. */
  @Bean
  ReturnPolicy initialPolicy(ReturnPolicySettings settings) {
    return settings.toPolicy();
  }

  @Bean
  ReturnRateRollups returnRateRollups(MongoDatabase database) {
    return new MongoReturnRateRollups(database);
  }

  @Bean
  CustomerSummaries customerSummaries(MongoDatabase database) {
    return new MongoCustomerSummaries(database);
  }

  @Bean
  CommerceAnalytics commerceAnalytics(ReturnRateRollups rollups, CustomerSummaries summaries, ReturnStore returns,
      Clock clock) {
    return new CommerceAnalytics(rollups, summaries, returns, clock);
  }

  @Bean
  ReturnRates returnRates(ReturnRateRollups rollups) {
    return new ReturnRates(rollups);
  }

  @Bean
  CustomerRecords customerRecords(CustomerSummaries summaries, OrderStore orders, ReturnStore returns) {
    return new CustomerRecords(summaries, orders, returns);
  }

  @Bean
  CustomerPrivacy customerPrivacy(MongoDatabase database, CustomerRecords records, ReturnStore returns,
      CustomerSummaries summaries, CustomerEventLog timeline, Clock clock) {
    return new CustomerPrivacy(records, returns, summaries, timeline, new MongoPrivacyStore(database), clock);
  }

  @Bean
  CustomerEventLog customerEventLog(MongoDatabase database, BusinessEventCounter businessEvents) {
    return new MongoCustomerEventLog(database, "timeline", businessEvents);
  }

  @Bean
  ReturnTimeline returnTimeline(CustomerEventLog events) {
    return new ReturnTimeline(events);
  }

  @Bean
  OrderBook orderBook(OrderStore orders, CommerceAnalytics analytics, ReturnTimeline timeline, Clock clock) {
    return new OrderBook(orders, analytics, timeline, clock);
  }

  @Bean
  ReturnPolicies returnPolicies(MongoDatabase database, ReturnPolicy initialPolicy, Clock clock) {
    return new ReturnPolicies(new MongoPolicyStore(database), initialPolicy, clock);
  }

  @Bean
  ReturnDesk returnDesk(OrderStore orders, ReturnStore returns, ReturnPolicies policies, CommerceAnalytics analytics,
      ReturnTimeline timeline, Clock clock) {
    return new ReturnDesk(orders, returns, new ReturnableUnits(orders, returns), () -> policies.current().policy(),
        analytics, timeline, clock);
  }
}
