package cx.profile.api;

import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** Data-subject requests on the embedded MongoDB-wire store. */
@SpringBootTest(properties = {"cx.profile.privacy.worker-enabled=false", "cx.profile.privacy.retry-first-delay=10s"})
@AutoConfigureTestGrpcTransport
@ActiveProfiles("test")
@Import({InProcessClients.class, FakePeerServices.class})
class PrivacyRequestApiOnEmbeddedStoreTest extends PrivacyRequestApiTest {
}
