package cx.feedback.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** Batches of answers on a real MongoDB; runs wherever Docker is available, skipped elsewhere. */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@ActiveProfiles("test")
@Import(InProcessClients.class)
@Testcontainers(disabledWithoutDocker = true)
class BatchSubmitApiOnMongoDbTest extends BatchSubmitApiTest {

  @Container
  static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    registry.add("cx.store.uri", MONGO::getConnectionString);
  }
}
