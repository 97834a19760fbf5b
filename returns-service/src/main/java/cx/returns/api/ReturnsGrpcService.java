package cx.returns.api;

import cx.common.v1.TimelineSource;
import cx.returns.domain.CommerceAnalytics;
import cx.returns.domain.CustomerPrivacy;
import cx.returns.domain.CustomerRecords;
import cx.returns.domain.ErasureRecord;
import cx.returns.domain.LinkedCase;
import cx.returns.domain.LinkedCaseKind;
import cx.returns.domain.NewReturn;
import cx.returns.domain.Order;
import cx.returns.domain.OrderBook;
import cx.returns.domain.PolicyRevision;
import cx.returns.domain.ProductReturn;
import cx.returns.domain.RecordedOrder;
import cx.returns.domain.ReturnDesk;
import cx.returns.domain.ReturnPolicies;
import cx.returns.domain.ReturnRates;
import cx.returns.v1.ApproveReturnRequest;
import cx.returns.v1.ApproveReturnResponse;
import cx.returns.v1.CancelReturnRequest;
import cx.returns.v1.CancelReturnResponse;
import cx.returns.v1.CreateReturnRequest;
import cx.returns.v1.CreateReturnResponse;
import cx.returns.v1.EraseCustomerRequest;
import cx.returns.v1.EraseCustomerResponse;
import cx.returns.v1.ExchangeReturnRequest;
import cx.returns.v1.ExchangeReturnResponse;
import cx.returns.v1.ExportCustomerDataRequest;
import cx.returns.v1.ExportCustomerDataResponse;
import cx.returns.v1.GetCustomerCommerceSummaryRequest;
import cx.returns.v1.GetCustomerCommerceSummaryResponse;
import cx.returns.v1.GetOrderRequest;
import cx.returns.v1.GetOrderResponse;
import cx.returns.v1.GetReturnPolicyRequest;
import cx.returns.v1.GetReturnPolicyResponse;
import cx.returns.v1.GetReturnRateRequest;
import cx.returns.v1.GetReturnRateResponse;
import cx.returns.v1.GetReturnRequest;
import cx.returns.v1.GetReturnResponse;
import cx.returns.v1.GetTopReturnReasonsRequest;
import cx.returns.v1.GetTopReturnReasonsResponse;
import cx.returns.v1.InspectReturnRequest;
import cx.returns.v1.InspectReturnResponse;
import cx.returns.v1.IssueReturnCreditRequest;
import cx.returns.v1.IssueReturnCreditResponse;
import cx.returns.v1.LinkReturnCaseRequest;
import cx.returns.v1.LinkReturnCaseResponse;
import cx.returns.v1.ListCustomerReturnEventsRequest;
import cx.returns.v1.ListCustomerReturnEventsResponse;
import cx.returns.v1.ListOrdersRequest;
import cx.returns.v1.ListOrdersResponse;
import cx.returns.v1.ListReturnsRequest;
import cx.returns.v1.ListReturnsResponse;
import cx.returns.v1.MarkReturnInTransitRequest;
import cx.returns.v1.MarkReturnInTransitResponse;
import cx.returns.v1.ReceiveReturnRequest;
import cx.returns.v1.ReceiveReturnResponse;
import cx.returns.v1.RecordOrderRequest;
import cx.returns.v1.RecordOrderResponse;
import cx.returns.v1.RefundReturnRequest;
import cx.returns.v1.RefundReturnResponse;
import cx.returns.v1.RejectReturnRequest;
import cx.returns.v1.RejectReturnResponse;
import cx.returns.v1.ReturnsServiceGrpc;
import cx.returns.v1.UpdateReturnPolicyRequest;
import cx.returns.v1.UpdateReturnPolicyResponse;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.paging.PageSize;
import cx.runtime.paging.PageTokens;
import cx.runtime.paging.TimelinePaging;
import cx.runtime.timeline.CustomerEventLog;
import cx.runtime.timeline.EventPage;
import cx.runtime.timeline.EventQuery;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * The gRPC face of returns-service: maps requests to the domain and results back. Failures
 * thrown here are mapped to statuses by the service runtime's failure handler. Methods not
 * overridden here answer UNIMPLEMENTED.
 */
@Service
public class ReturnsGrpcService extends ReturnsServiceGrpc.ReturnsServiceImplBase {

  /** The parent that lists the records of every customer (agents and admins only). */
  private static final String EVERY_CUSTOMER = "customers/-";

  private final OrderBook orders;
  private final ReturnDesk returns;
  private final ReturnRates rates;
  private final CommerceAnalytics analytics;
  private final ReturnPolicies policies;
  private final CustomerPrivacy privacy;
  private final CustomerRecords records;
  private final ListingPages listingPages;
  private final CustomerEventLog events;
  private final TimelinePaging eventPaging;
  private final IdempotencyKeys idempotencyKeys;
  private final Clock clock;

  public ReturnsGrpcService(OrderBook orders, ReturnDesk returns, ReturnRates rates, CommerceAnalytics analytics,
      ReturnPolicies policies, CustomerPrivacy privacy, CustomerRecords records, CustomerEventLog events, PageTokens pageTokens, IdempotencyKeys idempotencyKeys,
      Clock clock) {
    this.policies = policies;
    this.privacy = privacy;
    this.records = records;
    this.listingPages = new ListingPages(pageTokens);
    this.orders = orders;
    this.returns = returns;
    this.rates = rates;
    this.analytics = analytics;
    this.events = events;
    this.eventPaging = new TimelinePaging(pageTokens, "ListCustomerReturnEvents");
    this.idempotencyKeys = idempotencyKeys;
    this.clock = clock;
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
   * Lists a customer's orders, most recently recorded first, optionally only those of some
   * channels or placed in a period; read from the customer's reference list.
   */
  @Override
  public void listOrders(ListOrdersRequest request, StreamObserver<ListOrdersResponse> response) {
    String customerId = ResourceNames.customerId(request.getParent(), "parent");
    int pageSize = PageSize.coerce(request.getPageSize());
    Set<cx.returns.domain.Channel> channels = new HashSet<>();
    for (int i = 0; i < request.getChannelsCount(); i++) {
      cx.returns.domain.Channel channel = ProtoValues.channel(request.getChannels(i), "channels[" + i + "]");
      if (channel == null) {
        throw InvalidArgumentException.of("channels[" + i + "]", "must name a channel");
      }
      channels.add(channel);
    }
    Instant start = request.hasStartTime() ? ProtoValues.instant(request.getStartTime(), "start_time") : null;
    Instant end = request.hasEndTime() ? ProtoValues.instant(request.getEndTime(), "end_time") : null;
    List<String> query = List.of(customerId, channels.stream().map(Enum::name).sorted().toList().toString(),
        String.valueOf(start), String.valueOf(end));
    CustomerRecords.Page<Order> page = records.orders(customerId,
        listingPages.position("ListOrders", query, request.getPageToken()), pageSize,
        o -> (channels.isEmpty() || channels.contains(o.channel())) && within(o.orderTime(), start, end));
    ListOrdersResponse.Builder message = ListOrdersResponse.newBuilder()
        .setNextPageToken(listingPages.nextToken("ListOrders", query, page));
    page.items().forEach(o -> message.addOrders(OrderMessages.toMessage(o)));
    response.onNext(message.build());
    response.onCompleted();
  }

  /**
   * Lists a customer's returns, or every customer's for the parent "customers/-", most recently
   * requested first, optionally only those in some states, of one order, or requested in a
   * period; read from the customer's reference list, or the list of every customer's returns.
   */
  @Override
  public void listReturns(ListReturnsRequest request, StreamObserver<ListReturnsResponse> response) {
    boolean everyone = request.getParent().equals(EVERY_CUSTOMER);
    String customerId = everyone ? "" : ResourceNames.customerId(request.getParent(), "parent");
    int pageSize = PageSize.coerce(request.getPageSize());
    Set<cx.returns.domain.ReturnState> states = new HashSet<>();
    for (int i = 0; i < request.getStatesCount(); i++) {
      cx.returns.domain.ReturnState state = ProtoValues.fromProto(request.getStates(i), "RETURN_STATE_",
          cx.returns.domain.ReturnState.class, "states[" + i + "]");
      if (state == null) {
        throw InvalidArgumentException.of("states[" + i + "]", "must name a state");
      }
      states.add(state);
    }
    ResourceNames.OrderName orderName = request.getOrder().isEmpty() ? null
        : ResourceNames.orderName(request.getOrder(), "order");
    // A return is always under the customer who owns its order, so another customer's order
    // matches none of this customer's returns, whatever its id.
    boolean othersOrder = !everyone && orderName != null && !orderName.customerId().equals(customerId);
    String orderId = orderName == null ? "" : orderName.orderId();
    String orderCustomerId = orderName == null ? "" : orderName.customerId();
    Instant start = request.hasStartTime() ? ProtoValues.instant(request.getStartTime(), "start_time") : null;
    Instant end = request.hasEndTime() ? ProtoValues.instant(request.getEndTime(), "end_time") : null;
    List<String> query = List.of(customerId, states.stream().map(Enum::name).sorted().toList().toString(),
        request.getOrder(), String.valueOf(start), String.valueOf(end));
    Predicate<ProductReturn> filter = r -> !othersOrder && (states.isEmpty() || states.contains(r.state()))
        && (orderId.isEmpty() || r.orderId().equals(orderId) && r.customerId().equals(orderCustomerId))
        && within(r.createTime(), start, end);
    int position = listingPages.position("ListReturns", query, request.getPageToken());
    CustomerRecords.Page<ProductReturn> page = everyone
        ? records.everyonesReturns(position, pageSize, filter)
        : records.returns(customerId, position, pageSize, filter);
    ListReturnsResponse.Builder message = ListReturnsResponse.newBuilder()
        .setNextPageToken(listingPages.nextToken("ListReturns", query, page));
    page.items().forEach(r -> message.addReturns(ReturnMessages.toMessage(r)));
    response.onNext(message.build());
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

  /** Records that an APPROVED return's parcel is with the carrier. */
  @Override
  public void markReturnInTransit(MarkReturnInTransitRequest request,
      StreamObserver<MarkReturnInTransitResponse> response) {
    ResourceNames.ReturnName name = ResourceNames.returnName(request.getName(), "name");
    ProductReturn moved = returns.markInTransit(name.customerId(), name.returnId(),
        expectedVersion(request.getExpectedVersion()), request.getCustomerMessage(), request.getCarrier(),
        request.getTrackingNumber(),
        request.hasShipTime() ? ProtoValues.instant(request.getShipTime(), "ship_time") : null, Callers.current());
    response.onNext(MarkReturnInTransitResponse.newBuilder().setProductReturn(ReturnMessages.toMessage(moved)).build());
    response.onCompleted();
  }

  /** Records one parcel of a return: per line, the units received and how many are damaged. */
  @Override
  public void receiveReturn(ReceiveReturnRequest request, StreamObserver<ReceiveReturnResponse> response) {
    ResourceNames.ReturnName name = ResourceNames.returnName(request.getName(), "name");
    ProductReturn received = returns.receive(name.customerId(), name.returnId(),
        expectedVersion(request.getExpectedVersion()), request.getCustomerMessage(),
        ReturnMessages.toParcel(request.getLinesList()), Callers.current());
    response.onNext(ReceiveReturnResponse.newBuilder().setProductReturn(ReturnMessages.toMessage(received)).build());
    response.onCompleted();
  }

  /** Records the inspection of a received return: per line, the units accepted and their condition. */
  @Override
  public void inspectReturn(InspectReturnRequest request, StreamObserver<InspectReturnResponse> response) {
    ResourceNames.ReturnName name = ResourceNames.returnName(request.getName(), "name");
    ProductReturn inspected = returns.inspect(name.customerId(), name.returnId(),
        expectedVersion(request.getExpectedVersion()), request.getCustomerMessage(),
        ReturnMessages.toFindings(request.getLinesList()), Callers.current());
    response.onNext(InspectReturnResponse.newBuilder().setProductReturn(ReturnMessages.toMessage(inspected)).build());
    response.onCompleted();
  }

  /** Refunds an inspected return: the price of the accepted units minus fees, unless an amount is given. */
  @Override
  public void refundReturn(RefundReturnRequest request, StreamObserver<RefundReturnResponse> response) {
    ResourceNames.ReturnName name = ResourceNames.returnName(request.getName(), "name");
    ProductReturn refunded = returns.refund(name.customerId(), name.returnId(),
        expectedVersion(request.getExpectedVersion()), request.getCustomerMessage(),
        request.hasAmount() ? ProtoValues.money(request.getAmount()) : null,
        request.getPaymentReference(), Callers.current());
    response.onNext(RefundReturnResponse.newBuilder().setProductReturn(ReturnMessages.toMessage(refunded)).build());
    response.onCompleted();
  }

  /** Settles an inspected return by sending replacements. */
  @Override
  public void exchangeReturn(ExchangeReturnRequest request, StreamObserver<ExchangeReturnResponse> response) {
    ResourceNames.ReturnName name = ResourceNames.returnName(request.getName(), "name");
    ProductReturn exchanged = returns.exchange(name.customerId(), name.returnId(),
        expectedVersion(request.getExpectedVersion()), request.getCustomerMessage(),
        ReturnMessages.toExchangeItems(request.getExchangeLinesList()), request.getReplacementOrderId(),
        Callers.current());
    response.onNext(ExchangeReturnResponse.newBuilder().setProductReturn(ReturnMessages.toMessage(exchanged)).build());
    response.onCompleted();
  }

  /** Settles an inspected return with store credit, on the same rules as a refund. */
  @Override
  public void issueReturnCredit(IssueReturnCreditRequest request, StreamObserver<IssueReturnCreditResponse> response) {
    ResourceNames.ReturnName name = ResourceNames.returnName(request.getName(), "name");
    ProductReturn credited = returns.issueCredit(name.customerId(), name.returnId(),
        expectedVersion(request.getExpectedVersion()), request.getCustomerMessage(),
        request.hasAmount() ? ProtoValues.money(request.getAmount()) : null,
        request.getCreditReference(), Callers.current());
    response.onNext(IssueReturnCreditResponse.newBuilder().setProductReturn(ReturnMessages.toMessage(credited)).build());
    response.onCompleted();
  }

  /**
   * The return rate of the orders placed in a period (their cohort), in total and broken down
   * by channel, product category or reason; read from the day rollups.
   */
  @Override
  public void getReturnRate(GetReturnRateRequest request, StreamObserver<GetReturnRateResponse> response) {
    ReturnRates.Report report = rates.rate(AnalyticsMessages.toQuery(request));
    GetReturnRateResponse.Builder message = GetReturnRateResponse.newBuilder()
        .setTotal(AnalyticsMessages.toMessage(report.total()))
        .setComputeTime(ProtoValues.timestamp(clock.instant()));
    report.rows().forEach(row -> message.addRows(AnalyticsMessages.toMessage(row)));
    response.onNext(message.build());
    response.onCompleted();
  }

  /** The return reasons of the orders placed in a period, most units returned first. */
  @Override
  public void getTopReturnReasons(GetTopReturnReasonsRequest request,
      StreamObserver<GetTopReturnReasonsResponse> response) {
    ReturnRates.ReasonReport report = rates.topReasons(AnalyticsMessages.toQuery(request));
    GetTopReturnReasonsResponse.Builder message = GetTopReturnReasonsResponse.newBuilder()
        .setUnitsReturned(report.unitsReturned())
        .setComputeTime(ProtoValues.timestamp(clock.instant()));
    report.reasons().forEach(share -> message.addReasons(AnalyticsMessages.toMessage(share)));
    response.onNext(message.build());
    response.onCompleted();
  }

  /** A customer's orders, spend, return rate and returns in progress, read from their summary document. */
  @Override
  public void getCustomerCommerceSummary(GetCustomerCommerceSummaryRequest request,
      StreamObserver<GetCustomerCommerceSummaryResponse> response) {
    String customerId = ResourceNames.commerceSummaryCustomerId(request.getName(), "name");
    response.onNext(GetCustomerCommerceSummaryResponse.newBuilder()
        .setCustomerCommerceSummary(AnalyticsMessages.toMessage(analytics.summary(customerId)))
        .build());
    response.onCompleted();
  }

  /** The return policy in force, with its version. */
  @Override
  public void getReturnPolicy(GetReturnPolicyRequest request, StreamObserver<GetReturnPolicyResponse> response) {
    if (!request.getName().equals(PolicyMessages.NAME)) {
      throw InvalidArgumentException.of("name", "must be " + PolicyMessages.NAME);
    }
    response.onNext(GetReturnPolicyResponse.newBuilder()
        .setReturnPolicy(PolicyMessages.toMessage(policies.current())).build());
    response.onCompleted();
  }

  /**
   * Changes the fields of the return policy its {@code update_mask} names, as a new version;
   * returns already decided keep their terms.
   */
  @Override
  public void updateReturnPolicy(UpdateReturnPolicyRequest request,
      StreamObserver<UpdateReturnPolicyResponse> response) {
    PolicyRevision updated = policies.update(PolicyMessages.toChange(request),
        expectedVersion(request.getExpectedVersion()), Callers.current());
    response.onNext(UpdateReturnPolicyResponse.newBuilder().setReturnPolicy(PolicyMessages.toMessage(updated)).build());
    response.onCompleted();
  }

  /** Links a complaint or survey response of the same customer to a return, in any state. */
  @Override
  public void linkReturnCase(LinkReturnCaseRequest request, StreamObserver<LinkReturnCaseResponse> response) {
    ResourceNames.ReturnName name = ResourceNames.returnName(request.getName(), "name");
    LinkedCase linked = new LinkedCase(request.getLinkedCase().getResource(), ProtoValues.fromProto(
        request.getLinkedCase().getKind(), "LINKED_CASE_KIND_", LinkedCaseKind.class, "linked_case.kind"), null);
    ProductReturn updated = returns.link(name.customerId(), name.returnId(),
        expectedVersion(request.getExpectedVersion()), linked, Callers.current());
    response.onNext(LinkReturnCaseResponse.newBuilder().setProductReturn(ReturnMessages.toMessage(updated)).build());
    response.onCompleted();
  }

  /**
   * Internal: the order and return events of a set of customer ids (a profile and the ids merged
   * into it), newest first, cursor-paged, in the shared timeline shape.
   */
  @Override
  public void listCustomerReturnEvents(ListCustomerReturnEventsRequest request,
      StreamObserver<ListCustomerReturnEventsResponse> response) {
    EventQuery query = TimelineMessages.query(eventPaging, request.getCustomerIdsList(), request.getFilter(),
        request.getPageSize(), request.getPageToken());
    EventPage page = events.read(query);
    ListCustomerReturnEventsResponse.Builder message = ListCustomerReturnEventsResponse.newBuilder()
        .setNextPageToken(eventPaging.nextPageToken(query, page));
    page.events().forEach(e -> message.addEvents(
        cx.runtime.grpc.TimelineMessages.toMessage(e, TimelineSource.TIMELINE_SOURCE_RETURNS)));
    response.onNext(message.build());
    response.onCompleted();
  }

  /**
   * Internal: everything kept about the customers, orders first, paged; and what an erasure
   * would do with each kind of record.
   */
  @Override
  public void exportCustomerData(ExportCustomerDataRequest request, StreamObserver<ExportCustomerDataResponse> response) {
    int pageSize = PageSize.coerce(request.getPageSize());
    Set<String> customerIds = new java.util.LinkedHashSet<>(request.getCustomerIdsList());
    CustomerPrivacy.Export export = privacy.export(customerIds, request.getPrivacyRequest());
    List<String> query = List.of(customerIds.toString(), request.getPrivacyRequest());
    int start = Math.max(0, listingPages.position("ExportCustomerData", query, request.getPageToken()));
    int total = export.orders().size() + export.returns().size();
    int end = Math.min(total, start + pageSize);
    ExportCustomerDataResponse.Builder message = ExportCustomerDataResponse.newBuilder();
    for (int i = start; i < end; i++) {
      if (i < export.orders().size()) {
        message.addOrders(OrderMessages.toMessage(export.orders().get(i)));
      } else {
        message.addReturns(ReturnMessages.toMessage(export.returns().get(i - export.orders().size())));
      }
    }
    message.setNextPageToken(listingPages.nextToken("ExportCustomerData", query,
        new CustomerRecords.Page<>(List.of(), end < total ? end : -1)));
    if (start == 0) {
      message.addAllDispositions(PrivacyMessages.exported(export));
    }
    response.onNext(message.build());
    response.onCompleted();
  }

  /**
   * Internal: erases the customers: orders and returns are pseudonymised and kept for
   * accounting, the rest is removed. Repeating a privacy request answers the same.
   */
  @Override
  public void eraseCustomer(EraseCustomerRequest request, StreamObserver<EraseCustomerResponse> response) {
    ErasureRecord erasure = privacy.erase(new java.util.LinkedHashSet<>(request.getCustomerIdsList()),
        request.getPrivacyRequest());
    response.onNext(EraseCustomerResponse.newBuilder()
        .addAllDispositions(PrivacyMessages.erased(erasure))
        .setCompleteTime(ProtoValues.timestamp(erasure.completeTime()))
        .build());
    response.onCompleted();
  }

  private static boolean within(Instant time, Instant start, Instant end) {
    return (start == null || !time.isBefore(start)) && (end == null || time.isBefore(end));
  }

  private static long expectedVersion(long given) {
    if (given < 0) {
      throw InvalidArgumentException.of("expected_version", "must not be negative");
    }
    return given;
  }
}
