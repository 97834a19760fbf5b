package cx.feedback.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** Batches of answers on the embedded MongoDB-wire store, as it runs locally. */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@ActiveProfiles("test")
@Import(InProcessClients.class)
class BatchSubmitApiOnEmbeddedStoreTest extends BatchSubmitApiTest {
}
