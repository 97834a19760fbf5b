package cx.returns.api;

import com.mongodb.client.MongoDatabase;
import cx.returns.domain.OrderBook;
import cx.returns.domain.OrderStore;
import cx.returns.domain.ReturnDesk;
import cx.returns.domain.ReturnPolicy;
import cx.returns.domain.ReturnStore;
import cx.returns.domain.ReturnableUnits;
import cx.returns.store.MongoOrderStore;
import cx.returns.store.MongoReturnStore;
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

  @Bean
  ReturnPolicy returnPolicy(ReturnPolicySettings settings) {
    return settings.toPolicy();
  }

  @Bean
  OrderBook orderBook(OrderStore orders, Clock clock) {
    return new OrderBook(orders, clock);
  }

  @Bean
  ReturnDesk returnDesk(OrderStore orders, ReturnStore returns, ReturnPolicy policy, Clock clock) {
    return new ReturnDesk(orders, returns, new ReturnableUnits(orders, returns), () -> policy, clock);
  }
}
