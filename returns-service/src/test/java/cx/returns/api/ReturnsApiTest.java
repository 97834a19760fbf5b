package cx.returns.api;

import static cx.runtime.testing.GrpcCalls.concurrently;
import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.outcomeOf;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import cx.common.v1.Channel;
import cx.common.v1.DataDisposition;
import cx.common.v1.Money;
import cx.returns.v1.ApproveReturnRequest;
import cx.returns.v1.CancelReturnRequest;
import cx.returns.v1.CreateReturnRequest;
import cx.returns.v1.CreateReturnResponse;
import com.google.protobuf.FieldMask;
import cx.returns.v1.EraseCustomerRequest;
import cx.returns.v1.EraseCustomerResponse;
import cx.returns.v1.ExportCustomerDataRequest;
import cx.returns.v1.ExportCustomerDataResponse;
import cx.returns.v1.GetOrderRequest;
import cx.returns.v1.GetReturnPolicyRequest;
import cx.returns.v1.GetReturnRequest;
import cx.returns.v1.ItemCondition;
import cx.returns.v1.LinkedCase;
import cx.returns.v1.LinkedCaseKind;
import cx.returns.v1.ListCustomerReturnEventsRequest;
import cx.returns.v1.ListOrdersRequest;
import cx.returns.v1.ListOrdersResponse;
import cx.returns.v1.ListReturnsRequest;
import cx.returns.v1.ListReturnsResponse;
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
import cx.returns.v1.UpdateReturnPolicyRequest;
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
 * Drives the real service through the generated stub on an in-process channel, with the store
 * on the embedded MongoDB-wire server (and, in {@link ReturnsApiOnMongoDbTest}, on a real
 * MongoDB). The test policy: 30 days, apparel 60 days, gift cards not returnable, EUR returns
 * below 100.00 approved automatically, evidence for damaged goods.
 */
abstract class ReturnsApiTest extends ReturnsApiFixtures {

  // Orders.

  @Test
  void aRecordedOrderReadsBackWithItsTotalAndNumberedLines() {
    String orderId = "o-" + UUID.randomUUID();
    RecordOrderResponse recorded = record(orderId, order(daysAgo(3), line("CUP", "kitchen", 3, 333),
        line("PLATE", "kitchen", 1, 1)));

    Order read = getOrder(customer + "/orders/" + orderId);

    assertThat(recorded.getCreated()).isTrue();
    assertThat(read).isEqualTo(recorded.getOrder());
    assertThat(read.getName()).isEqualTo(customer + "/orders/" + orderId);
    assertThat(read.getTotal().getMinorUnits()).isEqualTo(1_000);
    assertThat(read.getLinesList()).extracting(OrderLine::getLineId).containsExactly("1", "2");
    assertThat(read.getLines(0).getReturnedQuantity()).isZero();
  }

  @Test
  void recordingTheSameOrderAgainReturnsTheStoredOne() {
    String orderId = "o-" + UUID.randomUUID();
    Order order = order(daysAgo(3), line("CUP", "kitchen", 3, 333));
    RecordOrderResponse first = record(orderId, order);

    RecordOrderResponse again = record(orderId, order);

    assertThat(again.getCreated()).isFalse();
    assertThat(again.getOrder()).isEqualTo(first.getOrder());
  }

  @Test
  void theSameOrderIdWithOtherContentOrUnderAnotherCustomerIsAConflict() throws Exception {
    String orderId = "o-" + UUID.randomUUID();
    record(orderId, order(daysAgo(3), line("CUP", "kitchen", 3, 333)));

    StatusRuntimeException changed = failure(() -> record(orderId, order(daysAgo(3), line("CUP", "kitchen", 4, 333))));
    StatusRuntimeException elsewhere = failure(() -> record("customers/other", orderId,
        order(daysAgo(3), line("CUP", "kitchen", 3, 333))));

    assertThat(changed.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(errorInfo(changed).getReason()).isEqualTo("ORDER_CONFLICT");
    assertThat(errorInfo(changed).getDomain()).isEqualTo("returns.cx");
    assertThat(errorInfo(elsewhere).getReason()).isEqualTo("ORDER_CONFLICT");
  }

  @Test
  void badOrderFieldsAreEachNamedAndNothingIsWritten() throws Exception {
    String orderId = "o-" + UUID.randomUUID();
    Order bad = order(daysAgo(1), line("CUP", "kitchen", 0, -5), line("{\"$ne\":1}", "Kitchen", 1, 100)).toBuilder()
        .setChannel(Channel.CHANNEL_CHAT).build();

    StatusRuntimeException e = failure(() -> record(orderId, bad));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(violatedFields(e)).containsExactlyInAnyOrder("order.channel", "order.lines[0].quantity",
        "order.lines[0].unit_price.minor_units", "order.lines[1].sku", "order.lines[1].product_category");
    assertThat(e.getStatus().getDescription()).doesNotContain("Exception").doesNotContain("cx.");
    assertThat(failure(() -> getOrder(customer + "/orders/" + orderId)).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void anOrderMixingCurrenciesIsACurrencyMismatch() throws Exception {
    OrderLine dollars = line("PEN", "office", 1, 100).toBuilder()
        .setUnitPrice(Money.newBuilder().setCurrencyCode("USD").setMinorUnits(100)).build();

    StatusRuntimeException e = failure(() -> record("o-" + UUID.randomUUID(),
        order(daysAgo(1), line("CUP", "kitchen", 1, 100), dollars)));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(errorInfo(e).getReason()).isEqualTo("CURRENCY_MISMATCH");
    assertThat(violatedFields(e)).containsExactly("order.lines[1].unit_price.currency_code");
  }

  @Test
  void anOrderInTheFutureIsRejected() throws Exception {
    Timestamp tomorrow = Timestamp.newBuilder().setSeconds(Instant.now().plus(Duration.ofDays(1)).getEpochSecond()).build();

    StatusRuntimeException e = failure(() -> record("o-" + UUID.randomUUID(), order(tomorrow, line("CUP", "kitchen", 1, 1))));

    assertThat(violatedFields(e)).containsExactly("order.order_time");
  }

  @Test
  void anotherCustomersOrderIsNotFound() throws Exception {
    String orderName = recordCupsAndTelevision();

    StatusRuntimeException e = failure(() -> getOrder(orderName.replace(customer, "customers/someone-else")));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(errorInfo(e).getReason()).isEqualTo("RESOURCE_NOT_FOUND");
  }

  // Creating returns.

  @Test
  void aCheapReturnIsApprovedAtOnceWithReasonsAndHistory() {
    String orderName = recordCupsAndTelevision();

    ProductReturn created = create(orderName, returnLine("CUP", 1));

    assertThat(created.getName()).matches(customer + "/returns/[a-z0-9]{16}");
    assertThat(created.getState()).isEqualTo(ReturnState.RETURN_STATE_APPROVED);
    assertThat(created.getDecision().getOutcome()).isEqualTo(ReturnDecisionOutcome.RETURN_DECISION_OUTCOME_AUTO_APPROVED);
    assertThat(created.getDecision().getReasonsList()).extracting(r -> r.getCode())
        .containsExactly(PolicyReasonCode.POLICY_REASON_CODE_WITHIN_RETURN_WINDOW,
            PolicyReasonCode.POLICY_REASON_CODE_BELOW_AUTO_APPROVAL_LIMIT);
    assertThat(created.getDecision().getReasons(0).getMessage()).startsWith("You can return this item until ");
    assertThat(created.getDecision().getEstimatedRefund().getMinorUnits()).isEqualTo(500);
    assertThat(created.getStatusHistoryList()).extracting(s -> s.getState())
        .containsExactly(ReturnState.RETURN_STATE_REQUESTED, ReturnState.RETURN_STATE_APPROVED);
    assertThat(created.getStatusHistory(1).getActor()).isEqualTo("system");
    assertThat(created.hasLabelExpireTime()).isTrue();
    assertThat(created.getLines(0).getOrderLineId()).isEqualTo("1");
    assertThat(created.getLines(0).getProductCategory()).isEqualTo("kitchen");
    assertThat(created.getVersion()).isEqualTo(1);
    assertThat(getOrder(orderName).getLines(0).getReturnedQuantity()).isEqualTo(1);
    assertThat(returns.getReturn(GetReturnRequest.newBuilder().setName(created.getName()).build()).getProductReturn())
        .isEqualTo(created);
  }

  @Test
  void anExpensiveReturnWaitsForAnAgentWhoApprovesItOnce() throws Exception {
    ProductReturn requested = create(recordCupsAndTelevision(), returnLine("TV", 1));
    assertThat(requested.getState()).isEqualTo(ReturnState.RETURN_STATE_REQUESTED);
    assertThat(requested.getDecision().getReasons(1).getCode())
        .isEqualTo(PolicyReasonCode.POLICY_REASON_CODE_ABOVE_AUTO_APPROVAL_LIMIT);

    ProductReturn approved = returns.approveReturn(ApproveReturnRequest.newBuilder().setName(requested.getName())
        .setExpectedVersion(1).setCustomerMessage("Please use the enclosed label.").build()).getProductReturn();
    StatusRuntimeException again = failure(() -> returns.approveReturn(
        ApproveReturnRequest.newBuilder().setName(requested.getName()).build()));

    assertThat(approved.getState()).isEqualTo(ReturnState.RETURN_STATE_APPROVED);
    assertThat(approved.getVersion()).isEqualTo(2);
    assertThat(approved.getStatusHistory(1).getCustomerMessage()).isEqualTo("Please use the enclosed label.");
    assertThat(again.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(errorInfo(again).getReason()).isEqualTo("INVALID_RETURN_STATE");
    assertThat(errorInfo(again).getMetadataMap()).containsEntry("state", "APPROVED");
  }

  @Test
  void concurrentRetriesWithOneRequestIdCreateExactlyOneReturn() throws Exception {
    String orderName = recordCupsAndTelevision();
    CreateReturnRequest request = returnRequest(orderName, returnLine("CUP", 1)).build();

    List<String> names = concurrently(16, i -> returns.createReturn(request).getProductReturn().getName());

    assertThat(new HashSet<>(names)).hasSize(1);
    assertThat(getOrder(orderName).getLines(0).getReturnedQuantity()).isEqualTo(1);
  }

  @Test
  void concurrentReturnsCannotBothTakeTheLastUnit() throws Exception {
    String orderName = recordCupsAndTelevision();

    List<String> outcomes = concurrently(12, i -> outcomeOf(() -> create(orderName, returnLine("CUP", 1))));

    assertThat(outcomes).filteredOn("OK"::equals).hasSize(2);
    assertThat(outcomes).filteredOn("FAILED_PRECONDITION"::equals).hasSize(10);
    assertThat(getOrder(orderName).getLines(0).getReturnedQuantity()).isEqualTo(2);
  }

  @Test
  void theSameRequestIdWithAnotherPayloadIsRefused() throws Exception {
    String orderName = recordCupsAndTelevision();
    CreateReturnRequest first = returnRequest(orderName, returnLine("CUP", 1)).build();
    returns.createReturn(first);

    StatusRuntimeException e = failure(() -> returns.createReturn(first.toBuilder()
        .setProductReturn(first.getProductReturn().toBuilder().setLines(0, returnLine("CUP", 2))).build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(errorInfo(e).getReason()).isEqualTo("REQUEST_ID_REUSED");
  }

  @Test
  void moreUnitsThanStillReturnableAreRefusedUntilAnEarlierReturnIsCancelled() throws Exception {
    String orderName = recordCupsAndTelevision();
    ProductReturn earlier = create(orderName, returnLine("CUP", 2));

    StatusRuntimeException e = failure(() -> create(orderName, returnLine("CUP", 1)));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(errorInfo(e).getReason()).isEqualTo("QUANTITY_EXCEEDS_RETURNABLE");
    assertThat(errorInfo(e).getMetadataMap()).containsEntry("orderLineId", "1").containsEntry("returnableQuantity", "0");

    ProductReturn cancelled = returns.cancelReturn(CancelReturnRequest.newBuilder().setName(earlier.getName()).build())
        .getProductReturn();
    assertThat(cancelled.getState()).isEqualTo(ReturnState.RETURN_STATE_CANCELLED);
    assertThat(getOrder(orderName).getLines(0).getReturnedQuantity()).isZero();
    assertThat(create(orderName, returnLine("CUP", 2)).getState()).isEqualTo(ReturnState.RETURN_STATE_APPROVED);
  }

  @Test
  void aReturnAfterTheWindowIsRefusedWithItsEnd() throws Exception {
    String orderId = "o-" + UUID.randomUUID();
    record(orderId, order(daysAgo(45), line("CUP", "kitchen", 1, 500), line("COAT", "apparel", 1, 5_000)));
    String orderName = customer + "/orders/" + orderId;

    StatusRuntimeException e = failure(() -> create(orderName, returnLine("CUP", 1)));

    assertThat(errorInfo(e).getReason()).isEqualTo("RETURN_WINDOW_CLOSED");
    assertThat(errorInfo(e).getMetadataMap()).containsKeys("orderLineId", "windowEndTime");
    assertThat(e.getStatus().getDescription()).startsWith("The return window for item CUP ended on ");
    assertThat(create(orderName, returnLine("COAT", 1)).getState()).isEqualTo(ReturnState.RETURN_STATE_APPROVED);
  }

  @Test
  void linesThatAreNotInTheOrderAndUnknownOrdersAreRefused() throws Exception {
    String orderName = recordCupsAndTelevision();

    StatusRuntimeException notInOrder = failure(() -> create(orderName, returnLine("SOFA", 1)));
    StatusRuntimeException unknown = failure(() -> create(customer + "/orders/never-recorded", returnLine("CUP", 1)));
    StatusRuntimeException othersOrder = failure(() -> returns.createReturn(returnRequest(orderName, returnLine("CUP", 1))
        .setParent("customers/someone-else").build()));

    assertThat(errorInfo(notInOrder).getReason()).isEqualTo("LINE_NOT_IN_ORDER");
    assertThat(violatedFields(notInOrder)).containsExactly("product_return.lines[0].sku");
    assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(othersOrder.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(getOrder(orderName).getLines(0).getReturnedQuantity()).isZero();
  }

  @Test
  void badReturnFieldsAreEachNamed() throws Exception {
    String orderName = recordCupsAndTelevision();
    ReturnLine bad = ReturnLine.newBuilder().setSku("CUP").setQuantity(0).addEvidenceUris("http://insecure.example.com")
        .build();

    StatusRuntimeException e = failure(() -> returns.createReturn(returnRequest(orderName, bad)
        .setProductReturn(ProductReturn.newBuilder().setOrder(orderName).addLines(bad)).build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(violatedFields(e)).containsExactlyInAnyOrder("product_return.lines[0].quantity",
        "product_return.lines[0].reason", "product_return.lines[0].condition",
        "product_return.lines[0].evidence_uris[0]", "product_return.preferred_resolution");
  }

  @Test
  void damagedGoodsNeedEvidenceAndThenSuggestAComplaint() throws Exception {
    String orderName = recordCupsAndTelevision();
    ReturnLine damaged = returnLine("CUP", 1).toBuilder().setReason(ReturnReason.RETURN_REASON_DAMAGED).build();

    StatusRuntimeException e = failure(() -> create(orderName, damaged));
    CreateReturnResponse created = returns.createReturn(returnRequest(orderName,
        damaged.toBuilder().addEvidenceUris("https://photos.example.com/cup.jpg").build()).build());

    assertThat(errorInfo(e).getReason()).isEqualTo("EVIDENCE_REQUIRED");
    assertThat(created.getComplaintSuggested()).isTrue();
  }

  @Test
  void aLinkedCaseMustBelongToTheSameCustomer() throws Exception {
    String orderName = recordCupsAndTelevision();
    CreateReturnRequest.Builder request = returnRequest(orderName, returnLine("CUP", 1));
    request.getProductReturnBuilder().addLinkedCases(LinkedCase.newBuilder()
        .setResource("customers/someone-else/complaints/k1").setKind(LinkedCaseKind.LINKED_CASE_KIND_COMPLAINT));

    StatusRuntimeException e = failure(() -> returns.createReturn(request.build()));

    assertThat(errorInfo(e).getReason()).isEqualTo("CASE_CUSTOMER_MISMATCH");
  }

  @Test
  void aPreviewShowsTheDecisionAndStoresNothing() {
    String orderName = recordCupsAndTelevision();

    CreateReturnResponse preview = returns.createReturn(returnRequest(orderName, returnLine("CUP", 2))
        .setRequestId("").setValidateOnly(true).build());

    assertThat(preview.getProductReturn().getName()).isEmpty();
    assertThat(preview.getProductReturn().getDecision().getOutcome())
        .isEqualTo(ReturnDecisionOutcome.RETURN_DECISION_OUTCOME_AUTO_APPROVED);
    assertThat(getOrder(orderName).getLines(0).getReturnedQuantity()).isZero();
  }

  @Test
  void aCreateWithoutRequestIdIsRejected() throws Exception {
    StatusRuntimeException e = failure(() -> returns.createReturn(returnRequest(recordCupsAndTelevision(),
        returnLine("CUP", 1)).setRequestId("").build()));

    assertThat(violatedFields(e)).containsExactly("request_id");
  }

  // Transitions.

  @Test
  void aStaleExpectedVersionIsAVersionConflict() throws Exception {
    ProductReturn requested = create(recordCupsAndTelevision(), returnLine("TV", 1));

    StatusRuntimeException e = failure(() -> returns.rejectReturn(RejectReturnRequest.newBuilder()
        .setName(requested.getName()).setExpectedVersion(5).setCustomerMessage("No.").build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
    assertThat(errorInfo(e).getReason()).isEqualTo("VERSION_CONFLICT");
  }

  @Test
  void ofConcurrentTransitionsExactlyOneWins() throws Exception {
    ProductReturn requested = create(recordCupsAndTelevision(), returnLine("TV", 1));

    List<String> outcomes = concurrently(10, i -> outcomeOf(() -> {
      if (i % 2 == 0) {
        returns.approveReturn(ApproveReturnRequest.newBuilder().setName(requested.getName()).build());
      } else {
        returns.rejectReturn(RejectReturnRequest.newBuilder().setName(requested.getName())
            .setCustomerMessage("The television was used.").build());
      }
    }));

    assertThat(outcomes).filteredOn("OK"::equals).hasSize(1);
    assertThat(outcomes).filteredOn("FAILED_PRECONDITION"::equals).hasSize(9);
    ProductReturn after = returns.getReturn(GetReturnRequest.newBuilder().setName(requested.getName()).build())
        .getProductReturn();
    assertThat(after.getVersion()).isEqualTo(2);
    assertThat(after.getStatusHistoryCount()).isEqualTo(2);
  }

  @Test
  void aRejectionNeedsAMessageForTheCustomerAndGivesTheUnitsBack() throws Exception {
    String orderName = recordCupsAndTelevision();
    ProductReturn requested = create(orderName, returnLine("TV", 1));

    StatusRuntimeException e = failure(() -> returns.rejectReturn(RejectReturnRequest.newBuilder()
        .setName(requested.getName()).build()));
    ProductReturn rejected = returns.rejectReturn(RejectReturnRequest.newBuilder().setName(requested.getName())
        .setCustomerMessage("The television was bought in a sale without returns.").build()).getProductReturn();

    assertThat(violatedFields(e)).containsExactly("customer_message");
    assertThat(rejected.getState()).isEqualTo(ReturnState.RETURN_STATE_REJECTED);
    assertThat(getOrder(orderName).getLines(1).getReturnedQuantity()).isZero();
  }

  @Test
  void malformedOrForeignNamesAreAnsweredWithoutLeakingAnything() {
    for (String name : List.of("", "customers/x/returns/", "customers/x/orders/o", "customers/{\"$ne\":1}/returns/a",
        "customers/x/returns/a/b")) {
      StatusRuntimeException e = failure(() -> returns.getReturn(GetReturnRequest.newBuilder().setName(name).build()));
      assertThat(e.getStatus().getCode()).as(name).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
    List<Status.Code> unknown = List.of(
        failure(() -> returns.getReturn(GetReturnRequest.newBuilder().setName(customer + "/returns/nothere").build()))
            .getStatus().getCode(),
        failure(() -> returns.cancelReturn(CancelReturnRequest.newBuilder().setName(customer + "/returns/nothere").build()))
            .getStatus().getCode());
    assertThat(unknown).containsOnly(Status.Code.NOT_FOUND);
  }

  // Listings.

  @Test
  void aCustomersOrdersAndReturnsArePagedNewestFirstAndFiltered() throws Exception {
    String first = recordCupsAndTelevision();
    String second = recordCupsAndTelevision();
    String third = recordCupsAndTelevision();
    ProductReturn tv = create(second, returnLine("TV", 1));
    ProductReturn cups = create(third, returnLine("CUP", 1));

    List<String> orderNames = new java.util.ArrayList<>();
    String token = "";
    do {
      ListOrdersResponse page = returns.listOrders(ListOrdersRequest.newBuilder().setParent(customer).setPageSize(2)
          .setPageToken(token).build());
      page.getOrdersList().forEach(o -> orderNames.add(o.getName()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    ListReturnsResponse all = returns.listReturns(ListReturnsRequest.newBuilder().setParent(customer).build());
    ListReturnsResponse requested = returns.listReturns(ListReturnsRequest.newBuilder().setParent(customer)
        .addStates(ReturnState.RETURN_STATE_REQUESTED).build());
    ListReturnsResponse ofThird = returns.listReturns(ListReturnsRequest.newBuilder().setParent(customer)
        .setOrder(third).build());
    ListOrdersResponse fromTheApp = returns.listOrders(ListOrdersRequest.newBuilder().setParent(customer)
        .addChannels(Channel.CHANNEL_MOBILE_APP).build());

    assertThat(orderNames).containsExactly(third, second, first);
    assertThat(all.getReturnsList()).extracting(ProductReturn::getName).containsExactly(cups.getName(), tv.getName());
    assertThat(requested.getReturnsList()).extracting(ProductReturn::getName).containsExactly(tv.getName());
    assertThat(ofThird.getReturnsList()).extracting(ProductReturn::getName).containsExactly(cups.getName());
    assertThat(fromTheApp.getOrdersList()).isEmpty();
    assertThat(all.getNextPageToken()).isEmpty();
  }

  @Test
  void everyCustomersReturnsListNewestFirstForAgentsAndACustomerMayNotAskForThem() throws Exception {
    String other = "customers/c" + UUID.randomUUID().toString().substring(0, 12);
    String theirOrder = other + "/orders/o-" + UUID.randomUUID();
    record(other, theirOrder.substring(theirOrder.lastIndexOf('/') + 1), order(daysAgo(1), line("CUP", "kitchen", 2, 500)));
    String mine = recordCupsAndTelevision();
    ProductReturn first = create(mine, returnLine("CUP", 1));
    ProductReturn second = returns.createReturn(returnRequest(theirOrder, returnLine("CUP", 1)).setParent(other).build())
        .getProductReturn();
    ProductReturn third = create(mine, returnLine("TV", 1));
    var agent = cx.runtime.testing.TestCallers.agent(returns, tokens);

    ListReturnsResponse firstPage = agent.listReturns(ListReturnsRequest.newBuilder().setParent("customers/-")
        .setPageSize(2).build());
    ListReturnsResponse secondPage = agent.listReturns(ListReturnsRequest.newBuilder().setParent("customers/-")
        .setPageSize(1).setPageToken(firstPage.getNextPageToken()).build());
    ListReturnsResponse ofTheirOrder = agent.listReturns(ListReturnsRequest.newBuilder().setParent("customers/-")
        .setOrder(theirOrder).build());
    StatusRuntimeException asCustomer = failure(() -> cx.runtime.testing.TestCallers.customer(returns, tokens,
        customer.substring("customers/".length())).listReturns(ListReturnsRequest.newBuilder()
        .setParent("customers/-").build()));

    assertThat(firstPage.getReturnsList()).extracting(ProductReturn::getName)
        .containsExactly(third.getName(), second.getName());
    assertThat(secondPage.getReturnsList()).extracting(ProductReturn::getName).containsExactly(first.getName());
    assertThat(ofTheirOrder.getReturnsList()).extracting(ProductReturn::getName).containsExactly(second.getName());
    assertThat(asCustomer.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(errorInfo(asCustomer).getReason()).isEqualTo("ROLE_NOT_ALLOWED");
  }

  @Test
  void aListingTokenIsValidOnlyForItsOwnQuery() throws Exception {
    recordCupsAndTelevision();
    recordCupsAndTelevision();
    String token = returns.listOrders(ListOrdersRequest.newBuilder().setParent(customer).setPageSize(1).build())
        .getNextPageToken();

    StatusRuntimeException otherFilter = failure(() -> returns.listOrders(ListOrdersRequest.newBuilder()
        .setParent(customer).addChannels(Channel.CHANNEL_WEB).setPageToken(token).build()));
    StatusRuntimeException forged = failure(() -> returns.listReturns(ListReturnsRequest.newBuilder()
        .setParent(customer).setPageToken("AAAA").build()));

    assertThat(token).isNotEmpty();
    assertThat(violatedFields(otherFilter)).containsExactly("page_token");
    assertThat(violatedFields(forged)).containsExactly("page_token");
    assertThat(violatedFields(failure(() -> returns.listOrders(ListOrdersRequest.newBuilder().setParent(customer)
        .setPageSize(-1).build())))).containsExactly("page_size");
  }

  // The policy.

  cx.returns.v1.ReturnPolicy policy() {
    return returns.getReturnPolicy(GetReturnPolicyRequest.newBuilder().setName("returnPolicy").build())
        .getReturnPolicy();
  }

  cx.returns.v1.ReturnPolicy setLabelValidity(long days, long expectedVersion) {
    return admin().updateReturnPolicy(UpdateReturnPolicyRequest.newBuilder()
        .setReturnPolicy(cx.returns.v1.ReturnPolicy.newBuilder().setName("returnPolicy")
            .setLabelValidity(com.google.protobuf.Duration.newBuilder().setSeconds(days * 86_400))
            .setDefaultWindow(com.google.protobuf.Duration.newBuilder().setSeconds(1)))
        .setUpdateMask(FieldMask.newBuilder().addPaths("label_validity"))
        .setExpectedVersion(expectedVersion).build()).getReturnPolicy();
  }

  @Test
  void anUpdateChangesOnlyTheMaskedFieldsAsANewVersionThatNewReturnsAreDecidedWith() throws Exception {
    cx.returns.v1.ReturnPolicy before = policy();
    try {
      cx.returns.v1.ReturnPolicy updated = setLabelValidity(20, before.getVersion());
      ProductReturn approved = create(recordCupsAndTelevision(), returnLine("CUP", 1));

      assertThat(updated.getVersion()).isEqualTo(before.getVersion() + 1);
      assertThat(updated.getLabelValidity().getSeconds()).isEqualTo(20 * 86_400);
      assertThat(updated.getUpdatedBy()).isEqualTo("admin-1");
      assertThat(updated.toBuilder().clearLabelValidity().clearVersion().clearUpdateTime().clearUpdatedBy().build())
          .isEqualTo(before.toBuilder().clearLabelValidity().clearVersion().clearUpdateTime().clearUpdatedBy().build());
      assertThat(policy()).isEqualTo(updated);
      assertThat(approved.getDecision().getPolicyVersion()).isEqualTo(updated.getVersion());
      assertThat(approved.getLabelExpireTime().getSeconds() - approved.getCreateTime().getSeconds())
          .isEqualTo(20 * 86_400);
      StatusRuntimeException stale = failure(() -> setLabelValidity(30, updated.getVersion() + 1));
      assertThat(stale.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
    } finally {
      setLabelValidity(14, 0);
    }
  }

  @Test
  void aPolicyUpdateWithAnUnknownOrMissingMaskOrOutOfRangeValuesChangesNothing() throws Exception {
    cx.returns.v1.ReturnPolicy before = policy();

    StatusRuntimeException unknownPath = failure(() -> admin().updateReturnPolicy(UpdateReturnPolicyRequest.newBuilder()
        .setReturnPolicy(before).setUpdateMask(FieldMask.newBuilder().addPaths("version")).build()));
    StatusRuntimeException noMask = failure(() -> admin().updateReturnPolicy(UpdateReturnPolicyRequest.newBuilder()
        .setReturnPolicy(before).build()));
    StatusRuntimeException tooLong = failure(() -> setLabelValidity(400, 0));

    assertThat(violatedFields(unknownPath)).containsExactly("update_mask");
    assertThat(violatedFields(noMask)).containsExactly("update_mask");
    assertThat(violatedFields(tooLong)).containsExactly("return_policy.label_validity");
    assertThat(policy()).isEqualTo(before);
    assertThat(before.getWindowRulesList()).extracting(r -> r.getProductCategory()).contains("apparel");
  }

  // Privacy.

  @Test
  void anExportHoldsEverythingPagedAndAnErasureKeepsOnlyPseudonymousFinancialRecordsOnce() throws Exception {
    String customerId = customer.substring("customers/".length());
    String orderName = recordCupsAndTelevision();
    ProductReturn requested = create(orderName, returnLine("CUP", 1).toBuilder().setComment("Bought twice, sorry.")
        .build());
    String privacyRequest = "privacyRequests/p" + UUID.randomUUID().toString().substring(0, 8);

    ExportCustomerDataResponse firstPage = platform().exportCustomerData(ExportCustomerDataRequest.newBuilder()
        .addCustomerIds(customerId).setPrivacyRequest(privacyRequest).setPageSize(1).build());
    ExportCustomerDataResponse secondPage = platform().exportCustomerData(ExportCustomerDataRequest.newBuilder()
        .addCustomerIds(customerId).setPrivacyRequest(privacyRequest).setPageSize(1)
        .setPageToken(firstPage.getNextPageToken()).build());
    EraseCustomerRequest erase = EraseCustomerRequest.newBuilder().addCustomerIds(customerId)
        .setPrivacyRequest(privacyRequest).build();
    EraseCustomerResponse erased = platform().eraseCustomer(erase);
    EraseCustomerResponse again = platform().eraseCustomer(erase);

    assertThat(firstPage.getOrdersList()).extracting(Order::getName).containsExactly(orderName);
    assertThat(secondPage.getReturns(0).getLines(0).getComment()).isEqualTo("Bought twice, sorry.");
    assertThat(secondPage.getNextPageToken()).isEmpty();
    assertThat(erased.getDispositionsList()).filteredOn(d -> d.getRecordType().equals("returns.return"))
        .singleElement().satisfies(d -> {
          assertThat(d.getDisposition()).isEqualTo(DataDisposition.DATA_DISPOSITION_PSEUDONYMISED);
          assertThat(d.getRecordCount()).isEqualTo(1);
        });
    assertThat(again).isEqualTo(erased);
    assertThat(failure(() -> returns.getReturn(GetReturnRequest.newBuilder().setName(requested.getName()).build()))
        .getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(failure(() -> getOrder(orderName)).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(platform().listCustomerReturnEvents(ListCustomerReturnEventsRequest.newBuilder()
        .addCustomerIds(customerId).build()).getEventsList()).isEmpty();
    assertThat(platform().exportCustomerData(ExportCustomerDataRequest.newBuilder().addCustomerIds(customerId)
        .setPrivacyRequest(privacyRequest).build()).getReturnsList()).isEmpty();
    assertThat(violatedFields(failure(() -> platform().eraseCustomer(EraseCustomerRequest.newBuilder()
        .addCustomerIds(customerId).setPrivacyRequest("not-a-request").build())))).containsExactly("privacy_request");
  }
}
