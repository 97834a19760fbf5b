package cx.profile.api;

import com.google.protobuf.Timestamp;
import cx.common.v1.DataDisposition;
import cx.common.v1.DataDispositionEntry;
import cx.feedback.v1.FeedbackServiceGrpc;
import cx.feedback.v1.SurveyResponse;
import cx.returns.v1.Order;
import cx.returns.v1.ReturnsServiceGrpc;
import cx.runtime.testing.TestClock;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Stand-ins for feedback-service and returns-service, served on the test's in-process server, so
 * that profile-service's channels to them reach these. Each keeps records per customer id, pages
 * its export, erases idempotently per privacy request as the real services promise, and can be
 * taken down and brought back.
 */
@TestConfiguration(proxyBeanMethods = false)
class FakePeerServices {

  /** A clock the tests move forward to make retries due; it replaces the system clock. */
  @Bean
  TestClock testClock() {
    return TestClock.systemUtc();
  }

  @Bean
  FakeFeedback fakeFeedback(Clock clock) {
    return new FakeFeedback(clock);
  }

  @Bean
  FakeReturns fakeReturns(Clock clock) {
    return new FakeReturns(clock);
  }

  /** What the two stand-ins share: being down, and the calls they got. */
  static final class Peer {
    volatile boolean down;
    final List<List<String>> erasures = new CopyOnWriteArrayList<>();
    final Map<String, List<DataDispositionEntry>> receipts = new ConcurrentHashMap<>();

    <T> void answer(StreamObserver<T> observer, Supplier<T> call) {
      if (down) {
        observer.onError(Status.UNAVAILABLE.withDescription("stopped for the test").asRuntimeException());
        return;
      }
      observer.onNext(call.get());
      observer.onCompleted();
    }
  }

  static Timestamp now(Clock clock) {
    return ProtoValues.timestamp(clock.instant());
  }

  static <T> List<T> recordsOf(Map<String, List<T>> records, List<String> ids) {
    List<T> found = new ArrayList<>();
    ids.forEach(id -> found.addAll(records.getOrDefault(id, List.of())));
    return found;
  }

  static final class FakeFeedback extends FeedbackServiceGrpc.FeedbackServiceImplBase {
    final Peer peer = new Peer();
    final Map<String, List<SurveyResponse>> responses = new ConcurrentHashMap<>();
    private final Clock clock;

    FakeFeedback(Clock clock) {
      this.clock = clock;
    }

    void respond(String customerId, String comment) {
      responses.computeIfAbsent(customerId, k -> new CopyOnWriteArrayList<>()).add(SurveyResponse.newBuilder()
          .setName("surveys/s1/responses/" + customerId + responses.get(customerId).size()).setComment(comment).build());
    }

    @Override
    public void exportCustomerData(cx.feedback.v1.ExportCustomerDataRequest request,
        StreamObserver<cx.feedback.v1.ExportCustomerDataResponse> response) {
      peer.answer(response, () -> {
        List<SurveyResponse> all = recordsOf(responses, request.getCustomerIdsList());
        int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        int to = Math.min(all.size(), from + request.getPageSize());
        return cx.feedback.v1.ExportCustomerDataResponse.newBuilder().addAllSurveyResponses(all.subList(from, to))
            .addDispositions(DataDispositionEntry.newBuilder().setRecordType("survey_response")
                .setDisposition(DataDisposition.DATA_DISPOSITION_EXPORTED).setRecordCount(to - from))
            .setNextPageToken(to < all.size() ? Integer.toString(to) : "").build();
      });
    }

    @Override
    public void eraseCustomer(cx.feedback.v1.EraseCustomerRequest request,
        StreamObserver<cx.feedback.v1.EraseCustomerResponse> response) {
      peer.answer(response, () -> {
        peer.erasures.add(request.getCustomerIdsList());
        List<DataDispositionEntry> receipt = peer.receipts.computeIfAbsent(request.getPrivacyRequest(), k -> {
          long erased = request.getCustomerIdsList().stream().mapToLong(id -> {
            List<SurveyResponse> gone = responses.remove(id);
            return gone == null ? 0 : gone.size();
          }).sum();
          return List.of(DataDispositionEntry.newBuilder().setRecordType("survey_response")
              .setDisposition(DataDisposition.DATA_DISPOSITION_PSEUDONYMISED).setRecordCount(erased).build());
        });
        return cx.feedback.v1.EraseCustomerResponse.newBuilder().addAllDispositions(receipt)
            .setCompleteTime(now(clock)).build();
      });
    }
  }

  static final class FakeReturns extends ReturnsServiceGrpc.ReturnsServiceImplBase {
    final Peer peer = new Peer();
    final Map<String, List<Order>> orders = new ConcurrentHashMap<>();
    private final Clock clock;

    FakeReturns(Clock clock) {
      this.clock = clock;
    }

    void order(String customerId, String orderId) {
      orders.computeIfAbsent(customerId, k -> new CopyOnWriteArrayList<>())
          .add(Order.newBuilder().setName("customers/" + customerId + "/orders/" + orderId).build());
    }

    @Override
    public void exportCustomerData(cx.returns.v1.ExportCustomerDataRequest request,
        StreamObserver<cx.returns.v1.ExportCustomerDataResponse> response) {
      peer.answer(response, () -> {
        List<Order> all = recordsOf(orders, request.getCustomerIdsList());
        return cx.returns.v1.ExportCustomerDataResponse.newBuilder().addAllOrders(all)
            .addDispositions(DataDispositionEntry.newBuilder().setRecordType("order")
                .setDisposition(DataDisposition.DATA_DISPOSITION_EXPORTED).setRecordCount(all.size()))
            .build();
      });
    }

    @Override
    public void eraseCustomer(cx.returns.v1.EraseCustomerRequest request,
        StreamObserver<cx.returns.v1.EraseCustomerResponse> response) {
      peer.answer(response, () -> {
        peer.erasures.add(request.getCustomerIdsList());
        List<DataDispositionEntry> receipt = peer.receipts.computeIfAbsent(request.getPrivacyRequest(), k -> {
          long kept = request.getCustomerIdsList().stream().mapToLong(id -> {
            List<Order> moved = orders.remove(id);
            return moved == null ? 0 : moved.size();
          }).sum();
          return List.of(DataDispositionEntry.newBuilder().setRecordType("order")
              .setDisposition(DataDisposition.DATA_DISPOSITION_RETAINED).setRecordCount(kept)
              .setRetentionReason("accounting records, kept 10 years").build());
        });
        return cx.returns.v1.EraseCustomerResponse.newBuilder().addAllDispositions(receipt)
            .setCompleteTime(now(clock)).build();
      });
    }
  }
}
