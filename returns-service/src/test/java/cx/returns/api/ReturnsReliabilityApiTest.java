package cx.returns.api;

import static cx.runtime.testing.GrpcCalls.concurrently;
import static cx.runtime.testing.GrpcCalls.errorInfo;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static cx.runtime.testing.HostileInput.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import cx.returns.v1.CreateReturnRequest;
import cx.returns.v1.CreateReturnResponse;
import cx.returns.v1.GetOrderRequest;
import cx.returns.v1.GetReturnPolicyRequest;
import cx.returns.v1.GetReturnRequest;
import cx.returns.v1.ListOrdersRequest;
import cx.returns.v1.ListOrdersResponse;
import cx.returns.v1.ListReturnsRequest;
import cx.returns.v1.Order;
import cx.returns.v1.RecordOrderResponse;
import cx.returns.v1.ReturnPolicy;
import cx.returns.v1.UpdateReturnPolicyRequest;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.testing.ErrorHygiene;
import cx.runtime.testing.HostileInput;
import cx.runtime.testing.RawDocuments;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reliability promises of the returns API, checked against what is in the store: retried
 * creates make one record, masks cannot reach server-owned fields, hostile strings in names and
 * filters match nothing extra, and lists keep their limits.
 */
abstract class ReturnsReliabilityApiTest extends ReturnsApiFixtures {

  static final int RETRIES = 50;

  @Autowired
  MongoDatabase database;

  String customerId() {
    return customer.substring("customers/".length());
  }

  Bson returnsOfThisCustomer() {
    return Filters.eq("customerId", customerId());
  }

  // Idempotency.

  @Test
  void fiftyConcurrentCreatesWithOneRequestIdStoreOneReturnAndAnswerAlike() throws Exception {
    String orderName = recordCupsAndTelevision();
    CreateReturnRequest request = returnRequest(orderName, returnLine("CUP", 1)).build();

    List<CreateReturnResponse> answers = concurrently(RETRIES, i -> returns.createReturn(request));

    assertThat(answers).hasSize(RETRIES).containsOnly(answers.get(0));
    assertThat(database.getCollection("returns").countDocuments(returnsOfThisCustomer())).isEqualTo(1);
    assertThat(database.getCollection("idempotency_keys")
        .countDocuments(Filters.eq("_id", "CreateReturn/" + request.getRequestId()))).isEqualTo(1);
    assertThat(getOrder(orderName).getLines(0).getReturnedQuantity()).isEqualTo(1);
  }

  @Test
  void theSameRequestIdWithAnotherPayloadIsRefusedAndWritesNothing() throws Exception {
    String orderName = recordCupsAndTelevision();
    CreateReturnRequest first = returnRequest(orderName, returnLine("CUP", 1)).build();
    returns.createReturn(first);
    List<String> returnsBefore = RawDocuments.read(database, "returns", returnsOfThisCustomer());
    String orderBefore = RawDocuments.one(database, "orders", Filters.eq("_id", orderId(orderName)));

    StatusRuntimeException e = failure(() -> returns.createReturn(first.toBuilder()
        .setProductReturn(first.getProductReturn().toBuilder().setLines(0, returnLine("CUP", 2))).build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(errorInfo(e).getReason()).isEqualTo("REQUEST_ID_REUSED");
    assertThat(RawDocuments.read(database, "returns", returnsOfThisCustomer())).isEqualTo(returnsBefore);
    assertThat(RawDocuments.one(database, "orders", Filters.eq("_id", orderId(orderName)))).isEqualTo(orderBefore);
  }

  @Test
  void fiftyConcurrentRecordingsOfOneOrderStoreOneOrderAndAnswerAlike() throws Exception {
    String orderId = "o-" + UUID.randomUUID();
    Order order = order(daysAgo(2), line("CUP", "kitchen", 3, 333));

    List<RecordOrderResponse> answers = concurrently(RETRIES, i -> record(orderId, order));

    assertThat(answers).extracting(RecordOrderResponse::getOrder).containsOnly(answers.get(0).getOrder());
    assertThat(answers).filteredOn(RecordOrderResponse::getCreated).hasSize(1);
    assertThat(database.getCollection("orders").countDocuments(Filters.eq("_id", orderId))).isEqualTo(1);
  }

  @Test
  void theSameOrderIdWithOtherContentIsRefusedAndWritesNothing() throws Exception {
    String orderId = "o-" + UUID.randomUUID();
    record(orderId, order(daysAgo(2), line("CUP", "kitchen", 3, 333)));
    String before = RawDocuments.one(database, "orders", Filters.eq("_id", orderId));

    StatusRuntimeException e = failure(() -> record(orderId, order(daysAgo(2), line("CUP", "kitchen", 9, 333))));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(RawDocuments.one(database, "orders", Filters.eq("_id", orderId))).isEqualTo(before);
  }

  @Test
  void requestIdsAreKeptAtLeastADay() {
    assertThat(IdempotencyKeys.RETENTION).isGreaterThanOrEqualTo(Duration.ofHours(24));
    assertThat(RawDocuments.expireAfterSeconds(database, "idempotency_keys"))
        .hasValueSatisfying(seconds -> assertThat(seconds).isGreaterThanOrEqualTo(24 * 3600L));
  }

  // Mass assignment.

  ReturnPolicy policy() {
    return returns.getReturnPolicy(GetReturnPolicyRequest.newBuilder().setName("returnPolicy").build())
        .getReturnPolicy();
  }

  @Test
  void aMaskNamingAServerOwnedPolicyFieldIsRefusedAndTheStoredPolicyStaysByteIdentical() throws Exception {
    ReturnPolicy current = policy();
    // The policy is stored at its first change (until then the configured one applies): make one
    // that changes nothing, so that there is a stored document to compare.
    admin().updateReturnPolicy(UpdateReturnPolicyRequest.newBuilder().setReturnPolicy(current)
        .setUpdateMask(FieldMask.newBuilder().addPaths("label_validity")).build());
    ReturnPolicy evil = current.toBuilder().setVersion(999).setUpdateTime(Timestamp.newBuilder().setSeconds(1))
        .setUpdatedBy("mallory").build();
    String before = RawDocuments.one(database, "return_policy", Filters.empty());

    for (List<String> paths : List.of(List.of("name"), List.of("version"), List.of("update_time"),
        List.of("updated_by"), List.of("label_validity", "version"), List.of("*", "version"), List.of("_id"),
        List.of("$set"))) {
      StatusRuntimeException e = failure(() -> admin().updateReturnPolicy(UpdateReturnPolicyRequest.newBuilder()
          .setReturnPolicy(evil).setUpdateMask(FieldMask.newBuilder().addAllPaths(paths)).build()));

      assertThat(e.getStatus().getCode()).as("mask %s", paths).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(violatedFields(e)).containsExactly("update_mask");
    }
    assertThat(RawDocuments.one(database, "return_policy", Filters.empty())).isEqualTo(before);
  }

  @Test
  void aWholePolicyUpdateTakesNoServerOwnedFieldFromTheRequest() {
    ReturnPolicy current = policy();
    ReturnPolicy evil = current.toBuilder().setVersion(999).setUpdateTime(Timestamp.newBuilder().setSeconds(1))
        .setUpdatedBy("mallory").build();

    ReturnPolicy updated = admin().updateReturnPolicy(UpdateReturnPolicyRequest.newBuilder().setReturnPolicy(evil)
        .setUpdateMask(FieldMask.newBuilder().addPaths("*")).build()).getReturnPolicy();

    var stored = RawDocuments.document(database, "return_policy", Filters.empty());
    assertThat(stored.get("version", Number.class).longValue()).isEqualTo(current.getVersion() + 1);
    assertThat(stored.getString("updatedBy")).isEqualTo("admin-1");
    assertThat(stored.getDate("updateTime").toInstant().getEpochSecond()).isGreaterThan(1);
    assertThat(updated.toBuilder().clearVersion().clearUpdateTime().clearUpdatedBy().build())
        .isEqualTo(current.toBuilder().clearVersion().clearUpdateTime().clearUpdatedBy().build());
  }

  // Injection.

  @Test
  void hostileStringsInNamesAndFiltersAreInvalidAndMatchNothing() throws Exception {
    String orderName = recordCupsAndTelevision();
    create(orderName, returnLine("CUP", 1));

    for (String hostile : HostileInput.STRINGS) {
      assertInvalid(() -> returns.listReturns(ListReturnsRequest.newBuilder().setParent(customer)
          .setOrder(hostile).build()), "order");
      assertInvalid(() -> returns.listReturns(ListReturnsRequest.newBuilder().setParent(customer)
          .setOrder(customer + "/orders/" + hostile).build()), "order");
      assertInvalid(() -> returns.listReturns(ListReturnsRequest.newBuilder()
          .setParent("customers/" + hostile).build()), "parent");
      assertInvalid(() -> returns.listOrders(ListOrdersRequest.newBuilder()
          .setParent("customers/" + hostile).build()), "parent");
      assertInvalid(() -> returns.getOrder(GetOrderRequest.newBuilder()
          .setName(customer + "/orders/" + hostile).build()), "name");
      assertInvalid(() -> returns.getReturn(GetReturnRequest.newBuilder()
          .setName(customer + "/returns/" + hostile).build()), "name");
      assertInvalid(() -> admin().recordOrder(cx.returns.v1.RecordOrderRequest.newBuilder().setParent(customer)
          .setOrderId(hostile).setOrder(order(daysAgo(1), line("CUP", "kitchen", 1, 100))).build()), "order_id");
    }
    // Another customer's order as a filter matches none of this customer's returns.
    assertThat(returns.listReturns(ListReturnsRequest.newBuilder().setParent(customer)
        .setOrder("customers/someone-else/orders/" + orderId(orderName)).build()).getReturnsList()).isEmpty();
    assertThat(database.getCollection("orders").countDocuments(Filters.in("_id", HostileInput.STRINGS))).isZero();
  }

  // Limits.

  @Test
  void aPageSizeOfTenThousandGetsAtMostTheCapAndTheRestOnTheNextPage() throws Exception {
    // Recording 1,005 orders one by one takes half a minute on the embedded store, so one is
    // recorded and the rest are copies of it written straight into the store and its customer's
    // reference list.
    String recorded = orderId(recordCupsAndTelevision());
    Document original = RawDocuments.document(database, "orders", Filters.eq("_id", recorded));
    List<Document> copies = new ArrayList<>();
    for (int i = 0; i < 1_004; i++) {
      copies.add(new Document(original).append("_id", "o-copy-" + UUID.randomUUID()));
    }
    database.getCollection("orders").insertMany(copies);
    database.getCollection("customer_summaries").updateOne(Filters.eq("_id", customerId()),
        Updates.addEachToSet("orderIds", copies.stream().map(d -> d.getString("_id")).toList()));

    ListOrdersResponse first = returns.listOrders(ListOrdersRequest.newBuilder().setParent(customer)
        .setPageSize(10_000).build());
    ListOrdersResponse second = returns.listOrders(ListOrdersRequest.newBuilder().setParent(customer)
        .setPageSize(10_000).setPageToken(first.getNextPageToken()).build());

    assertThat(first.getOrdersCount()).isEqualTo(1_000);
    assertThat(second.getOrdersCount()).isEqualTo(5);
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  void everyListRefusesANegativePageSize() throws Exception {
    assertInvalid(() -> returns.listOrders(ListOrdersRequest.newBuilder().setParent(customer).setPageSize(-1)
        .build()), "page_size");
    assertInvalid(() -> returns.listReturns(ListReturnsRequest.newBuilder().setParent(customer).setPageSize(-1)
        .build()), "page_size");
    assertInvalid(() -> platform().listCustomerReturnEvents(cx.returns.v1.ListCustomerReturnEventsRequest.newBuilder()
        .addCustomerIds(customerId()).setPageSize(-1).build()), "page_size");
  }

  @Test
  void aPageTokenFromAnotherListOrAnotherCustomerOrTamperedWithIsRefused() throws Exception {
    String orderName = recordCupsAndTelevision();
    recordCupsAndTelevision();
    create(orderName, returnLine("CUP", 1));
    create(orderName, returnLine("CUP", 1));
    String ordersToken = returns.listOrders(ListOrdersRequest.newBuilder().setParent(customer).setPageSize(1)
        .build()).getNextPageToken();
    String returnsToken = returns.listReturns(ListReturnsRequest.newBuilder().setParent(customer).setPageSize(1)
        .build()).getNextPageToken();
    String tampered = ordersToken.substring(0, ordersToken.length() - 2)
        + (ordersToken.endsWith("AA") ? "BB" : "AA");

    assertThat(ordersToken).isNotEmpty();
    assertThat(returnsToken).isNotEmpty();
    assertInvalid(() -> returns.listReturns(ListReturnsRequest.newBuilder().setParent(customer)
        .setPageToken(ordersToken).build()), "page_token");
    assertInvalid(() -> returns.listOrders(ListOrdersRequest.newBuilder().setParent(customer)
        .setPageToken(returnsToken).build()), "page_token");
    assertInvalid(() -> returns.listOrders(ListOrdersRequest.newBuilder().setParent("customers/someone-else")
        .setPageToken(ordersToken).build()), "page_token");
    assertInvalid(() -> returns.listOrders(ListOrdersRequest.newBuilder().setParent(customer)
        .setPageToken(tampered).build()), "page_token");
    for (String hostile : HostileInput.STRINGS) {
      assertInvalid(() -> returns.listOrders(ListOrdersRequest.newBuilder().setParent(customer)
          .setPageToken(hostile).build()), "page_token");
    }
  }

  // Error hygiene.

  @Test
  void everyErrorThisServiceAnswersIsWatchedAndChecked() throws Exception {
    long before = ErrorHygiene.WATCH.errorsSeen();

    failure(() -> getOrder(customer + "/orders/unknown"));

    assertThat(ErrorHygiene.WATCH.errorsSeen()).isGreaterThan(before);
    assertThat(ErrorHygiene.WATCH.checked()).as("ErrorHygieneCheck is registered for every test").isTrue();
  }

  static String orderId(String orderName) {
    return orderName.substring(orderName.lastIndexOf('/') + 1);
  }
}
