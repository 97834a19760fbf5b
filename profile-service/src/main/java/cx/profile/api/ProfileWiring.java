package cx.profile.api;

import com.mongodb.client.MongoDatabase;
import cx.profile.domain.CustomerRegistry;
import cx.profile.domain.CustomerStore;
import cx.profile.domain.IdentityNormaliser;
import cx.profile.store.MongoCustomerStore;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects the domain's use cases to the MongoDB store. */
@Configuration(proxyBeanMethods = false)
class ProfileWiring {

  @Bean
  CustomerStore customerStore(MongoDatabase database) {
    return new MongoCustomerStore(database);
  }

  @Bean
  CustomerRegistry customerRegistry(CustomerStore store, Clock clock) {
    return new CustomerRegistry(store, clock);
  }

  @Bean
  IdentityNormaliser identityNormaliser(@Value("${cx.profile.default-phone-region}") String region) {
    return new IdentityNormaliser(region);
  }

  @Bean
  CustomerMessages customerMessages(IdentityNormaliser normaliser) {
    return new CustomerMessages(normaliser);
  }
}
