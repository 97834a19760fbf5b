package cx.runtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import cx.runtime.failure.AlreadyExistsException;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.testing.ErrorHygiene;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * The failure → status mapping is where error hygiene is decided: whatever a service throws, the
 * client sees a designed message with an ErrorInfo reason, never the exception's text.
 */
class DomainFailureHandlerTest {

  private final DomainFailureHandler handler = new DomainFailureHandler("test.cx");

  private static List<String> problemsOf(StatusException answer) {
    Metadata trailers = answer.getTrailers() == null ? new Metadata() : answer.getTrailers();
    return ErrorHygiene.problemsOf(answer.getStatus(), trailers);
  }

  @Test
  void aStoreFailureBecomesAnInternalErrorThatSaysNothingOfTheStore() {
    MongoCommandException store = new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
        .append("errmsg", new BsonString("E11000 duplicate key error collection: cx_returns.returns index: _id_"))
        .append("code", new BsonInt32(11000)), new ServerAddress("127.0.0.1", 27017));

    StatusException answer = handler.handleException(store);

    assertThat(answer.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(answer.getStatus().getDescription()).startsWith("The service failed unexpectedly; incident ");
    assertThat(problemsOf(answer)).isEmpty();
  }

  @Test
  void aBugsExceptionTextAndClassNameStayInside() {
    StatusException answer = handler.handleException(
        new IllegalStateException("java.lang.NullPointerException at cx.returns.store.MongoReturnStore.find"));

    assertThat(answer.getStatus().getDescription()).doesNotContain("Exception").doesNotContain("cx.returns");
    assertThat(problemsOf(answer)).isEmpty();
  }

  @Test
  void domainFailuresKeepTheirReason() {
    assertThat(problemsOf(handler.handleException(InvalidArgumentException.of("page_size", "must not be negative"))))
        .isEmpty();
    assertThat(problemsOf(handler.handleException(new AlreadyExistsException("REQUEST_ID_REUSED",
        "The request_id was already used for a different request.")))).isEmpty();
  }

  @Test
  void theWatcherSeesEveryKindOfLeak() {
    assertThat(ErrorHygiene.problemsOf(Status.INTERNAL.withDescription(
        "boom\n\tat cx.runtime.Foo.bar(Foo.java:12)"), new Metadata()))
        .anyMatch(p -> p.startsWith("a stack trace")).anyMatch(p -> p.startsWith("no ErrorInfo"));
    assertThat(ErrorHygiene.problemsOf(Status.UNKNOWN.withDescription("java.lang.IllegalStateException: x"),
        new Metadata())).anyMatch(p -> p.startsWith("a Java class name"));
    assertThat(ErrorHygiene.problemsOf(Status.INTERNAL.withDescription("Write error: E11000 duplicate key"),
        new Metadata())).anyMatch(p -> p.startsWith("store error text"));
  }
}
