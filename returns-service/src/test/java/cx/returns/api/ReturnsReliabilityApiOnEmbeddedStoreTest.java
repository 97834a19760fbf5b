package cx.returns.api;

import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** The returns API's reliability promises on the embedded MongoDB-wire store, as it runs locally. */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@ActiveProfiles("test")
@Import(InProcessClients.class)
class ReturnsReliabilityApiOnEmbeddedStoreTest extends ReturnsReliabilityApiTest {
}
