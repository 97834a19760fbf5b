package cx.profile.api;

import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** Export and erasure on the embedded MongoDB-wire store. */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@ActiveProfiles("test")
@Import(InProcessClients.class)
class PrivacyApiOnEmbeddedStoreTest extends PrivacyApiTest {
}
