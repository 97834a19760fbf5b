package cx.returns.api;

import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import cx.common.v1.TimelineEvent;
import cx.common.v1.TimelineFilter;
import cx.common.v1.TimelineSource;
import cx.returns.v1.LinkedCase;
import cx.returns.v1.LinkedCaseKind;
import cx.returns.v1.ListCustomerReturnEventsRequest;
import cx.returns.v1.ListCustomerReturnEventsResponse;
import cx.returns.v1.LinkReturnCaseRequest;
import cx.returns.v1.MarkReturnInTransitRequest;
import cx.returns.v1.Order;
import cx.returns.v1.ProductReturn;
import cx.returns.v1.ReceiveReturnRequest;
import cx.returns.v1.ReceivedLine;
import cx.returns.v1.ReturnState;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The customers' order and return history through the internal timeline RPC. */
abstract class ReturnTimelineApiTest extends ReturnsApiFixtures {

  String customerId() {
    return customer.substring("customers/".length());
  }

  ListCustomerReturnEventsResponse list(ListCustomerReturnEventsRequest.Builder request) {
    return platform().listCustomerReturnEvents(request.addCustomerIds(customerId()).build());
  }

  /** An order, a return of one cup linked to a complaint, approved at once, shipped and partly received. */
  ProductReturn placeOrderAndReturn() {
    String orderName = recordCupsAndTelevision();
    ProductReturn created = returns.createReturn(returnRequest(orderName, returnLine("CUP", 2))
        .setProductReturn(returnRequest(orderName, returnLine("CUP", 2)).getProductReturn().toBuilder()
            .addLinkedCases(LinkedCase.newBuilder().setResource(customer + "/complaints/k1")
                .setKind(LinkedCaseKind.LINKED_CASE_KIND_COMPLAINT)))
        .build()).getProductReturn();
    returns.markReturnInTransit(MarkReturnInTransitRequest.newBuilder().setName(created.getName()).build());
    return returns.receiveReturn(ReceiveReturnRequest.newBuilder().setName(created.getName())
        .addLines(ReceivedLine.newBuilder().setOrderLineId("1").setReceivedQuantity(1)).build()).getProductReturn();
  }

  @Test
  void anOrderAndEveryStepOfItsReturnAppearNewestFirstWithTheLinkedComplaint() {
    ProductReturn received = placeOrderAndReturn();

    List<TimelineEvent> events = list(ListCustomerReturnEventsRequest.newBuilder()).getEventsList();

    assertThat(events).extracting(TimelineEvent::getKind).containsExactly("return.received", "return.in_transit",
        "return.approved", "return.requested", "order.placed");
    assertThat(events).allSatisfy(e -> {
      assertThat(e.getSource()).isEqualTo(TimelineSource.TIMELINE_SOURCE_RETURNS);
      assertThat(e.getCustomerId()).isEqualTo(customerId());
    });
    TimelineEvent receipt = events.get(0);
    assertThat(receipt.getResource()).isEqualTo(received.getName());
    assertThat(receipt.getRelatedResourcesList()).containsExactly(received.getOrder(), customer + "/complaints/k1");
    assertThat(receipt.getAttributesMap()).containsEntry("partialReceipt", "true");
    assertThat(events.get(4).getResource()).isEqualTo(received.getOrder());
  }

  @Test
  void pagingWalksEveryEventOnceAndRetriesRecordNothingTwice() {
    ProductReturn received = placeOrderAndReturn();
    String orderId = received.getOrder().substring(received.getOrder().lastIndexOf('/') + 1);
    Order stored = getOrder(received.getOrder());
    record(orderId, Order.newBuilder().setChannel(stored.getChannel()).setOrderTime(stored.getOrderTime())
        .addAllLines(stored.getLinesList().stream().map(l -> l.toBuilder().clearReturnedQuantity().build()).toList())
        .build());

    List<String> seen = new ArrayList<>();
    String token = "";
    do {
      ListCustomerReturnEventsResponse page = list(ListCustomerReturnEventsRequest.newBuilder().setPageSize(2)
          .setPageToken(token));
      page.getEventsList().forEach(e -> seen.add(e.getEventId()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());

    assertThat(seen).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void aKindFilterNarrowsTheHistoryAndBadTokensOrIdsAreRefused() throws Exception {
    placeOrderAndReturn();

    List<TimelineEvent> orders = list(ListCustomerReturnEventsRequest.newBuilder()
        .setFilter(TimelineFilter.newBuilder().addKinds("order"))).getEventsList();

    assertThat(orders).extracting(TimelineEvent::getKind).containsExactly("order.placed");
    assertThat(failure(() -> list(ListCustomerReturnEventsRequest.newBuilder().setPageToken("forged")))
        .getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(violatedFields(failure(() -> platform().listCustomerReturnEvents(ListCustomerReturnEventsRequest
        .newBuilder().addCustomerIds("{\"$ne\":1}").build())))).containsExactly("customer_ids[0]");
    assertThat(violatedFields(failure(() -> platform().listCustomerReturnEvents(ListCustomerReturnEventsRequest
        .newBuilder().build())))).containsExactly("customer_ids");
  }

  @Test
  void linkingASurveyAnswerLaterIsRecordedOnceOnTheReturnAndInTheTimeline() throws Exception {
    ProductReturn received = placeOrderAndReturn();
    LinkedCase survey = LinkedCase.newBuilder().setResource(customer + "/responses/s9")
        .setKind(LinkedCaseKind.LINKED_CASE_KIND_SURVEY_RESPONSE).build();

    ProductReturn linked = returns.linkReturnCase(LinkReturnCaseRequest.newBuilder().setName(received.getName())
        .setExpectedVersion(received.getVersion()).setLinkedCase(survey).build()).getProductReturn();
    ProductReturn again = returns.linkReturnCase(LinkReturnCaseRequest.newBuilder().setName(received.getName())
        .setLinkedCase(survey).build()).getProductReturn();

    assertThat(linked.getState()).isEqualTo(ReturnState.RETURN_STATE_RECEIVED);
    assertThat(linked.getVersion()).isEqualTo(received.getVersion() + 1);
    assertThat(linked.getLinkedCasesList()).extracting(LinkedCase::getResource)
        .containsExactly(customer + "/complaints/k1", customer + "/responses/s9");
    assertThat(again).isEqualTo(linked);
    List<TimelineEvent> links = list(ListCustomerReturnEventsRequest.newBuilder()
        .setFilter(TimelineFilter.newBuilder().addKinds("return.linked"))).getEventsList();
    assertThat(links).hasSize(1);
    assertThat(links.get(0).getRelatedResourcesList()).contains(customer + "/responses/s9");
    assertThat(violatedFields(failure(() -> returns.linkReturnCase(LinkReturnCaseRequest.newBuilder()
        .setName(received.getName()).setLinkedCase(LinkedCase.newBuilder().setResource("customers/other/complaints/k1")
            .setKind(LinkedCaseKind.LINKED_CASE_KIND_COMPLAINT)).build())))).containsExactly("linked_case.resource");
    assertThat(violatedFields(failure(() -> returns.linkReturnCase(LinkReturnCaseRequest.newBuilder()
        .setName(received.getName()).setLinkedCase(LinkedCase.newBuilder().setResource(customer + "/complaints/k1")
            .setKind(LinkedCaseKind.LINKED_CASE_KIND_SURVEY_RESPONSE)).build())))).containsExactly("linked_case.resource");
  }
}
