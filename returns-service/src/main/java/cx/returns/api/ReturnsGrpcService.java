package cx.returns.api;

import cx.returns.domain.NewReturn;
import cx.returns.domain.Order;
import cx.returns.domain.OrderBook;
import cx.returns.domain.ProductReturn;
import cx.returns.domain.RecordedOrder;
import cx.returns.domain.ReturnDesk;
import cx.returns.v1.ApproveReturnRequest;
import cx.returns.v1.ApproveReturnResponse;
import cx.returns.v1.CancelReturnRequest;
import cx.returns.v1.CancelReturnResponse;
import cx.returns.v1.CreateReturnRequest;
import cx.returns.v1.CreateReturnResponse;
import cx.returns.v1.GetOrderRequest;
import cx.returns.v1.GetOrderResponse;
import cx.returns.v1.GetReturnRequest;
import cx.returns.v1.GetReturnResponse;
import cx.returns.v1.RecordOrderRequest;
import cx.returns.v1.RecordOrderResponse;
import cx.returns.v1.RejectReturnRequest;
import cx.returns.v1.RejectReturnResponse;
import cx.returns.v1.ReturnsServiceGrpc;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.idempotency.IdempotencyKeys;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

/**
 * The gRPC face of returns-service: maps requests to the domain and results back. Failures
 * thrown here are mapped to statuses by the service runtime's failure handler. Methods not
 * overridden here answer UNIMPLEMENTED.
 */
@Service
public class ReturnsGrpcService extends ReturnsServiceGrpc.ReturnsServiceImplBase {

  private final OrderBook orders;
  private final ReturnDesk returns;
  private final IdempotencyKeys idempotencyKeys;

  public ReturnsGrpcService(OrderBook orders, ReturnDesk returns, IdempotencyKeys idempotencyKeys) {
    this.orders = orders;
    this.returns = returns;
    this.idempotencyKeys = idempotencyKeys;
  }

  /**
   * Records a purchase. Idempotent on the order id: the same content again returns the stored
   * order with {@code created} false; other content fails with ORDER_CONFLICT.
   */
  @Override
  public void recordOrder(RecordOrderRequest request, StreamObserver<RecordOrderResponse> response) {
    RecordedOrder recorded = orders.record(OrderMessages.toNewOrder(request));
    response.onNext(RecordOrderResponse.newBuilder()
        .setOrder(OrderMessages.toMessage(recorded.order()))
        .setCreated(recorded.created())
        .build());
    response.onCompleted();
  }

  /** Returns one order, with the units of each line already claimed by returns. */
  @Override
  public void getOrder(GetOrderRequest request, StreamObserver<GetOrderResponse> response) {
    ResourceNames.OrderName name = ResourceNames.orderName(request.getName(), "name");
    Order order = orders.get(name.customerId(), name.orderId());
    response.onNext(GetOrderResponse.newBuilder().setOrder(OrderMessages.toMessage(order)).build());
    response.onCompleted();
  }

  /**
   * Requests a return and lets the policy decide on it. Retries with the same
   * {@code request_id} return the first result and create nothing more; with
   * {@code validate_only} the decision is shown and nothing is stored.
   */
  @Override
  public void createReturn(CreateReturnRequest request, StreamObserver<CreateReturnResponse> response) {
    NewReturn newReturn = ReturnMessages.toNewReturn(request);
    ProductReturn created;
    if (request.getValidateOnly()) {
      created = returns.preview(newReturn, Callers.current());
    } else {
      if (request.getRequestId().isEmpty()) {
        throw InvalidArgumentException.of("request_id", "is required unless validate_only is true");
      }
      String returnId = idempotencyKeys.reserve("CreateReturn", "request_id", request.getRequestId(),
          IdempotencyKeys.fingerprint(request.toBuilder().clearRequestId().build().toByteArray()),
          ReturnIds::newId).resourceId();
      created = returns.create(returnId, newReturn, Callers.current());
    }
    response.onNext(CreateReturnResponse.newBuilder()
        .setProductReturn(ReturnMessages.toMessage(created))
        .setComplaintSuggested(created.complaintSuggested())
        .build());
    response.onCompleted();
  }

  /** Returns one return with its decision and status history. */
  @Override
  public void getReturn(GetReturnRequest request, StreamObserver<GetReturnResponse> response) {
    ResourceNames.ReturnName name = ResourceNames.returnName(request.getName(), "name");
    ProductReturn found = returns.get(name.customerId(), name.returnId());
    response.onNext(GetReturnResponse.newBuilder().setProductReturn(ReturnMessages.toMessage(found)).build());
    response.onCompleted();
  }

  /** Approves a REQUESTED return. */
  @Override
  public void approveReturn(ApproveReturnRequest request, StreamObserver<ApproveReturnResponse> response) {
    ResourceNames.ReturnName name = ResourceNames.returnName(request.getName(), "name");
    ProductReturn approved = returns.approve(name.customerId(), name.returnId(), expectedVersion(request.getExpectedVersion()),
        request.getCustomerMessage(), ReturnMessages.toShipment(request.hasShipment(), request.getShipment()),
        Callers.current());
    response.onNext(ApproveReturnResponse.newBuilder().setProductReturn(ReturnMessages.toMessage(approved)).build());
    response.onCompleted();
  }

  /** Rejects a REQUESTED or INSPECTED return, telling the customer why. */
  @Override
  public void rejectReturn(RejectReturnRequest request, StreamObserver<RejectReturnResponse> response) {
    ResourceNames.ReturnName name = ResourceNames.returnName(request.getName(), "name");
    ProductReturn rejected = returns.reject(name.customerId(), name.returnId(), expectedVersion(request.getExpectedVersion()),
        request.getCustomerMessage(), Callers.current());
    response.onNext(RejectReturnResponse.newBuilder().setProductReturn(ReturnMessages.toMessage(rejected)).build());
    response.onCompleted();
  }

  /** Withdraws a return before its goods are received; its units become returnable again. */
  @Override
  public void cancelReturn(CancelReturnRequest request, StreamObserver<CancelReturnResponse> response) {
    ResourceNames.ReturnName name = ResourceNames.returnName(request.getName(), "name");
    ProductReturn cancelled = returns.cancel(name.customerId(), name.returnId(), expectedVersion(request.getExpectedVersion()),
        request.getCustomerMessage(), Callers.current());
    response.onNext(CancelReturnResponse.newBuilder().setProductReturn(ReturnMessages.toMessage(cancelled)).build());
    response.onCompleted();
  }

  private static long expectedVersion(long given) {
    if (given < 0) {
      throw InvalidArgumentException.of("expected_version", "must not be negative");
    }
    return given;
  }
}
