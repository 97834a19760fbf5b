package cx.returns.api;

import static cx.runtime.testing.GrpcCalls.concurrently;
import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.outcomeOf;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import cx.common.v1.Channel;
import cx.common.v1.Money;
import cx.returns.v1.ApproveReturnRequest;
import cx.returns.v1.CancelReturnRequest;
import cx.returns.v1.CreateReturnRequest;
import cx.returns.v1.CreateReturnResponse;
import cx.returns.v1.GetOrderRequest;
import cx.returns.v1.GetReturnRequest;
import cx.returns.v1.ItemCondition;
import cx.returns.v1.LinkedCase;
import cx.returns.v1.LinkedCaseKind;
import cx.returns.v1.Order;
import cx.returns.v1.OrderLine;
import cx.returns.v1.PolicyReasonCode;
import cx.returns.v1.ProductReturn;
import cx.returns.v1.RecordOrderRequest;
import cx.returns.v1.RecordOrderResponse;
import cx.returns.v1.RejectReturnRequest;
import cx.returns.v1.Resolution;
import cx.returns.v1.ReturnDecisionOutcome;
import cx.returns.v1.ReturnLine;
import cx.returns.v1.ReturnReason;
import cx.returns.v1.ReturnState;
import cx.returns.v1.ReturnsServiceGrpc.ReturnsServiceBlockingStub;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.TestCallers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the API tests share: the stub on the in-process channel, a fresh customer per test, and
 * builders of orders and returns. The test policy: 30 days, apparel 60 days, gift cards not
 * returnable, EUR returns below 100.00 approved automatically, evidence for damaged goods, and
 * opened or used furniture charged 10% plus 2.50 a unit to restock.
 */
abstract class ReturnsApiFixtures {

  @Autowired
  ReturnsServiceBlockingStub returns;

  @Autowired
  CallerTokens tokens;

  /** The stub calling as an admin: the policy, and orders as the commerce integration records them. */
  ReturnsServiceBlockingStub admin() {
    return TestCallers.admin(returns, tokens);
  }

  /** The stub calling as a platform service, for the internal RPCs. */
  ReturnsServiceBlockingStub platform() {
    return TestCallers.service(returns, tokens);
  }

  final String customer = "customers/c" + UUID.randomUUID().toString().substring(0, 12);

  static Timestamp daysAgo(long days) {
    Instant instant = Instant.now().minus(Duration.ofDays(days));
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  static OrderLine line(String sku, String category, int quantity, long cents) {
    return OrderLine.newBuilder().setSku(sku).setProductCategory(category).setQuantity(quantity)
        .setUnitPrice(Money.newBuilder().setCurrencyCode("EUR").setMinorUnits(cents)).build();
  }

  static Order order(Timestamp orderTime, OrderLine... lines) {
    return Order.newBuilder().setChannel(Channel.CHANNEL_WEB).setOrderTime(orderTime).addAllLines(List.of(lines)).build();
  }

  RecordOrderResponse record(String orderId, Order order) {
    return record(customer, orderId, order);
  }

  RecordOrderResponse record(String parent, String orderId, Order order) {
    return admin().recordOrder(RecordOrderRequest.newBuilder().setParent(parent).setOrderId(orderId).setOrder(order).build());
  }

  /** Records an order of 2 cups at 5.00 and 1 television at 500.00, bought a day ago. */
  String recordCupsAndTelevision() {
    String orderId = "o-" + UUID.randomUUID();
    record(orderId, order(daysAgo(1), line("CUP", "kitchen", 2, 500), line("TV", "electronics", 1, 50_000)));
    return customer + "/orders/" + orderId;
  }

  static ReturnLine returnLine(String sku, int quantity) {
    return ReturnLine.newBuilder().setSku(sku).setQuantity(quantity).setReason(ReturnReason.RETURN_REASON_CHANGED_MIND)
        .setCondition(ItemCondition.ITEM_CONDITION_UNOPENED).build();
  }

  CreateReturnRequest.Builder returnRequest(String orderName, ReturnLine... lines) {
    return CreateReturnRequest.newBuilder()
        .setParent(customer)
        .setRequestId(UUID.randomUUID().toString())
        .setProductReturn(ProductReturn.newBuilder()
            .setOrder(orderName)
            .setPreferredResolution(Resolution.RESOLUTION_REFUND)
            .addAllLines(List.of(lines)));
  }

  ProductReturn create(String orderName, ReturnLine... lines) {
    return returns.createReturn(returnRequest(orderName, lines).build()).getProductReturn();
  }

  Order getOrder(String name) {
    return returns.getOrder(GetOrderRequest.newBuilder().setName(name).build()).getOrder();
  }
}
