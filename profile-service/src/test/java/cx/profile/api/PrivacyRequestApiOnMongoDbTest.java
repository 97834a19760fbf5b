package cx.profile.api;

import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** Data-subject requests on a real MongoDB; runs wherever Docker is available, skipped elsewhere. */
@SpringBootTest(properties = {"cx.profile.privacy.worker-enabled=false", "cx.profile.privacy.retry-first-delay=10s"})
@AutoConfigureTestGrpcTransport
@ActiveProfiles("test")
@Import({InProcessClients.class, FakePeerServices.class})
@Testcontainers(disabledWithoutDocker = true)
class PrivacyRequestApiOnMongoDbTest extends PrivacyRequestApiTest {

  @Container
  static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    registry.add("cx.store.uri", MONGO::getConnectionString);
  }
}
