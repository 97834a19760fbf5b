package cx.returns.api;

import static cx.runtime.testing.GrpcCalls.concurrently;
import static cx.runtime.testing.GrpcCalls.failure;
import static cx.runtime.testing.GrpcCalls.outcomeOf;
import static cx.runtime.testing.GrpcCalls.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.Timestamp;
import cx.common.v1.Channel;
import cx.returns.v1.CancelReturnRequest;
import cx.returns.v1.CustomerCommerceSummary;
import cx.returns.v1.GetCustomerCommerceSummaryRequest;
import cx.returns.v1.GetReturnRateRequest;
import cx.returns.v1.GetReturnRateResponse;
import cx.returns.v1.GetTopReturnReasonsRequest;
import cx.returns.v1.GetTopReturnReasonsResponse;
import cx.returns.v1.InspectReturnRequest;
import cx.returns.v1.InspectedLine;
import cx.returns.v1.ItemCondition;
import cx.returns.v1.MarkReturnInTransitRequest;
import cx.returns.v1.Order;
import cx.returns.v1.OrderLine;
import cx.returns.v1.ProductReturn;
import cx.returns.v1.ReasonShare;
import cx.returns.v1.ReceiveReturnRequest;
import cx.returns.v1.ReceivedLine;
import cx.returns.v1.RefundReturnRequest;
import cx.returns.v1.RejectReturnRequest;
import cx.returns.v1.ReturnLine;
import cx.returns.v1.ReturnRateDimension;
import cx.returns.v1.ReturnRateRow;
import cx.returns.v1.ReturnReason;
import cx.returns.v1.ReturnState;
import cx.runtime.testing.TestClock;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Return rates, top reasons and customer summaries through the API. Each test places its orders
 * on a day of its own in the past (the clock is moved there), so that its cohort holds only its
 * own data.
 */
abstract class ReturnAnalyticsApiTest extends ReturnsApiFixtures {

  @Autowired
  TestClock clock;

  private final Instant cohortDay = LocalDate.of(1995, 1, 1)
      .plusDays(new Random().nextInt(9_000)).atStartOfDay(ZoneOffset.UTC).toInstant();

  @AfterEach
  void backToTheSystemTime() {
    clock.reset();
  }

  void moveClockTo(Instant instant) {
    clock.reset();
    clock.advance(Duration.between(Instant.now(), instant));
  }

  static Timestamp at(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  String recordAt(Instant orderTime, Channel channel, OrderLine... lines) {
    String orderId = "o-" + UUID.randomUUID();
    record(orderId, Order.newBuilder().setChannel(channel).setOrderTime(at(orderTime)).addAllLines(List.of(lines))
        .build());
    return customer + "/orders/" + orderId;
  }

  ProductReturn requestReturn(String orderName, String sku, int quantity, ReturnReason reason) {
    ReturnLine.Builder line = ReturnLine.newBuilder().setSku(sku).setQuantity(quantity).setReason(reason)
        .setCondition(ItemCondition.ITEM_CONDITION_UNOPENED);
    if (reason == ReturnReason.RETURN_REASON_DAMAGED) {
      line.addEvidenceUris("https://photos.example.com/1.jpg");
    }
    return create(orderName, line.build());
  }

  ProductReturn receive(ProductReturn r, int units) {
    returns.markReturnInTransit(MarkReturnInTransitRequest.newBuilder().setName(r.getName()).build());
    return returns.receiveReturn(ReceiveReturnRequest.newBuilder().setName(r.getName())
        .addLines(ReceivedLine.newBuilder().setOrderLineId(r.getLines(0).getOrderLineId()).setReceivedQuantity(units))
        .build()).getProductReturn();
  }

  ProductReturn inspect(ProductReturn r, int accepted) {
    return returns.inspectReturn(InspectReturnRequest.newBuilder().setName(r.getName())
        .addLines(InspectedLine.newBuilder().setOrderLineId(r.getLines(0).getOrderLineId()).setAcceptedQuantity(accepted)
            .setCondition(ItemCondition.ITEM_CONDITION_OPENED)).build()).getProductReturn();
  }

  void reject(ProductReturn r) {
    returns.rejectReturn(RejectReturnRequest.newBuilder().setName(r.getName()).setCustomerMessage("Not accepted.")
        .build());
  }

  GetReturnRateResponse rate(ReturnRateDimension... groupBy) {
    return rate(GetReturnRateRequest.newBuilder().addAllGroupBy(List.of(groupBy)));
  }

  GetReturnRateResponse rate(GetReturnRateRequest.Builder request) {
    return returns.getReturnRate(request.setStartTime(at(cohortDay))
        .setEndTime(at(cohortDay.plus(Duration.ofDays(1)))).build());
  }

  static ReturnRateRow row(Channel channel, String category, ReturnReason reason, long orders, long sold,
      long requested, long returned) {
    ReturnRateRow.Builder row = ReturnRateRow.newBuilder().setOrderCount(orders).setUnitsSold(sold)
        .setUnitsRequested(requested).setUnitsReturned(returned)
        .setReturnRate(sold == 0 ? 0 : (double) returned / sold);
    if (channel != null) {
      row.setChannel(channel);
    }
    if (category != null) {
      row.setProductCategory(category);
    }
    if (reason != null) {
      row.setReason(reason);
    }
    return row.build();
  }

  /**
   * Three orders on the cohort day: web (4 cups at 5.00, 2 shirts at 20.00), app (2 cups), web
   * (1 shirt); one order the next day. Returns: 2 damaged cups refunded, 1 shirt (wrong size)
   * received, 1 cup (changed mind) cancelled, 1 shirt (not as described) received and then
   * refused after inspection, and 1 cup of the next day's order received.
   */
  private void placeTheKnownDataSet() {
    moveClockTo(cohortDay.plus(Duration.ofHours(20)));
    String webOrder = recordAt(cohortDay.plus(Duration.ofHours(9)), Channel.CHANNEL_WEB,
        line("CUP", "kitchen", 4, 500), line("SHIRT", "apparel", 2, 2_000));
    String appOrder = recordAt(cohortDay.plus(Duration.ofHours(10)), Channel.CHANNEL_MOBILE_APP,
        line("CUP", "kitchen", 2, 500));
    String secondWebOrder = recordAt(cohortDay.plus(Duration.ofHours(11)), Channel.CHANNEL_WEB,
        line("SHIRT", "apparel", 1, 2_000));
    // The same recording again, as a retry would send it, counts nothing more.
    record(webOrder.substring(webOrder.lastIndexOf('/') + 1), order(at(cohortDay.plus(Duration.ofHours(9))),
        line("CUP", "kitchen", 4, 500), line("SHIRT", "apparel", 2, 2_000)).toBuilder()
        .setChannel(Channel.CHANNEL_WEB).build());
    moveClockTo(cohortDay.plus(Duration.ofDays(1)).plus(Duration.ofHours(12)));
    String nextDayOrder = recordAt(cohortDay.plus(Duration.ofDays(1)), Channel.CHANNEL_WEB,
        line("CUP", "kitchen", 1, 500));
    moveClockTo(cohortDay.plus(Duration.ofDays(3)));

    ProductReturn damagedCups = requestReturn(webOrder, "CUP", 2, ReturnReason.RETURN_REASON_DAMAGED);
    inspect(receive(damagedCups, 2), 2);
    returns.refundReturn(RefundReturnRequest.newBuilder().setName(damagedCups.getName()).build());
    receive(requestReturn(webOrder, "SHIRT", 1, ReturnReason.RETURN_REASON_WRONG_SIZE), 1);
    ProductReturn cancelled = requestReturn(appOrder, "CUP", 1, ReturnReason.RETURN_REASON_CHANGED_MIND);
    returns.cancelReturn(CancelReturnRequest.newBuilder().setName(cancelled.getName()).build());
    ProductReturn refused = requestReturn(secondWebOrder, "SHIRT", 1, ReturnReason.RETURN_REASON_NOT_AS_DESCRIBED);
    inspect(receive(refused, 1), 0);
    reject(refused);
    receive(requestReturn(nextDayOrder, "CUP", 1, ReturnReason.RETURN_REASON_CHANGED_MIND), 1);
  }

  @Test
  void theReturnRateOfAKnownCohortIsCountedByChannelCategoryAndReason() {
    placeTheKnownDataSet();

    GetReturnRateResponse byChannel = rate(ReturnRateDimension.RETURN_RATE_DIMENSION_CHANNEL);
    GetReturnRateResponse byCategory = rate(ReturnRateDimension.RETURN_RATE_DIMENSION_PRODUCT_CATEGORY);
    GetReturnRateResponse byReason = rate(ReturnRateDimension.RETURN_RATE_DIMENSION_REASON);
    GetReturnRateResponse webByCategory = rate(GetReturnRateRequest.newBuilder()
        .addGroupBy(ReturnRateDimension.RETURN_RATE_DIMENSION_PRODUCT_CATEGORY).addChannels(Channel.CHANNEL_WEB));

    assertThat(byChannel.getTotal()).isEqualTo(row(null, null, null, 3, 9, 5, 3));
    assertThat(byChannel.getRowsList()).containsExactly(
        row(Channel.CHANNEL_WEB, null, null, 2, 7, 4, 3),
        row(Channel.CHANNEL_MOBILE_APP, null, null, 1, 2, 1, 0));
    assertThat(byCategory.getRowsList()).containsExactly(
        row(null, "apparel", null, 2, 3, 2, 1),
        row(null, "kitchen", null, 2, 6, 3, 2));
    assertThat(byReason.getRowsList()).containsExactly(
        row(null, null, ReturnReason.RETURN_REASON_WRONG_SIZE, 3, 9, 1, 1),
        row(null, null, ReturnReason.RETURN_REASON_DAMAGED, 3, 9, 2, 2),
        row(null, null, ReturnReason.RETURN_REASON_NOT_AS_DESCRIBED, 3, 9, 1, 0),
        row(null, null, ReturnReason.RETURN_REASON_CHANGED_MIND, 3, 9, 1, 0));
    assertThat(webByCategory.getTotal()).isEqualTo(row(null, null, null, 2, 7, 4, 3));
    assertThat(webByCategory.getRowsList()).containsExactly(
        row(null, "apparel", null, 2, 3, 2, 1),
        row(null, "kitchen", null, 1, 4, 2, 2));
  }

  @Test
  void theTopReasonsOfAKnownCohortAreRankedByUnitsReturned() {
    placeTheKnownDataSet();

    GetTopReturnReasonsResponse top = returns.getTopReturnReasons(GetTopReturnReasonsRequest.newBuilder()
        .setStartTime(at(cohortDay)).setEndTime(at(cohortDay.plus(Duration.ofDays(1)))).build());

    assertThat(top.getUnitsReturned()).isEqualTo(3);
    assertThat(top.getReasonsList()).extracting(ReasonShare::getReason).containsExactly(
        ReturnReason.RETURN_REASON_DAMAGED, ReturnReason.RETURN_REASON_WRONG_SIZE,
        ReturnReason.RETURN_REASON_NOT_AS_DESCRIBED, ReturnReason.RETURN_REASON_CHANGED_MIND);
    assertThat(top.getReasons(0).getShare()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(top.getReasons(0).getReturnCount()).isEqualTo(1);
    assertThat(top.getReasons(2).getUnitsRequested()).isEqualTo(1);
  }

  @Test
  void aCustomersSummaryCountsOrdersSpendRefundsAndReturnsInProgress() {
    placeTheKnownDataSet();

    CustomerCommerceSummary summary = returns.getCustomerCommerceSummary(GetCustomerCommerceSummaryRequest
        .newBuilder().setName(customer + "/commerceSummary").build()).getCustomerCommerceSummary();

    assertThat(summary.getOrderCount()).isEqualTo(4);
    assertThat(summary.getUnitsSold()).isEqualTo(10);
    assertThat(summary.getUnitsReturned()).isEqualTo(4);
    assertThat(summary.getReturnRate()).isCloseTo(0.4, within(1e-9));
    assertThat(summary.getGrossSpendList()).containsExactly(euros(9_500));
    assertThat(summary.getRefundedList()).containsExactly(euros(1_000));
    assertThat(summary.getLifetimeValueList()).containsExactly(euros(8_500));
    assertThat(summary.getFirstOrderTime()).isEqualTo(at(cohortDay.plus(Duration.ofHours(9))));
    assertThat(summary.getLastOrderTime()).isEqualTo(at(cohortDay.plus(Duration.ofDays(1))));
    assertThat(summary.getOpenReturnCount()).isEqualTo(2);
    assertThat(summary.getReturnsInProgressList()).allSatisfy(
        digest -> assertThat(digest.getState()).isEqualTo(ReturnState.RETURN_STATE_RECEIVED));
  }

  @Test
  void concurrentRetriesOfOneOrderAndOneReceiptCountOnce() throws Exception {
    moveClockTo(cohortDay.plus(Duration.ofHours(12)));
    String orderId = "o-" + UUID.randomUUID();
    Order order = Order.newBuilder().setChannel(Channel.CHANNEL_STORE).setOrderTime(at(cohortDay.plus(Duration.ofHours(1))))
        .addLines(line("VASE", "decor", 3, 900)).build();

    concurrently(8, i -> outcomeOf(() -> record(orderId, order)));
    ProductReturn r = requestReturn(customer + "/orders/" + orderId, "VASE", 2, ReturnReason.RETURN_REASON_OTHER);
    returns.markReturnInTransit(MarkReturnInTransitRequest.newBuilder().setName(r.getName()).build());
    List<String> receipts = concurrently(8, i -> outcomeOf(() -> returns.receiveReturn(ReceiveReturnRequest.newBuilder()
        .setName(r.getName()).addLines(ReceivedLine.newBuilder().setOrderLineId("1").setReceivedQuantity(2)).build())));

    assertThat(receipts).filteredOn("OK"::equals).hasSize(1);
    assertThat(rate().getTotal()).isEqualTo(row(null, null, null, 1, 3, 2, 2));
  }

  @Test
  void aCustomerWithoutOrdersHasAnEmptySummaryAndABadNameIsRefused() {
    CustomerCommerceSummary empty = returns.getCustomerCommerceSummary(GetCustomerCommerceSummaryRequest.newBuilder()
        .setName(customer + "/commerceSummary").build()).getCustomerCommerceSummary();

    assertThat(empty.getOrderCount()).isZero();
    assertThat(empty.getName()).isEqualTo(customer + "/commerceSummary");
    assertThat(failure(() -> returns.getCustomerCommerceSummary(GetCustomerCommerceSummaryRequest.newBuilder()
        .setName(customer + "/orders").build())).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void aPeriodMustBeGivenInOrderAndNotTooLong() throws Exception {
    Instant now = Instant.now();
    assertThat(violatedFields(failure(() -> returns.getReturnRate(GetReturnRateRequest.newBuilder()
        .setEndTime(at(now)).build())))).containsExactly("start_time");
    assertThat(violatedFields(failure(() -> returns.getReturnRate(GetReturnRateRequest.newBuilder()
        .setStartTime(at(now)).setEndTime(at(now.minusSeconds(1))).build())))).containsExactly("end_time");
    assertThat(violatedFields(failure(() -> returns.getReturnRate(GetReturnRateRequest.newBuilder()
        .setStartTime(at(now.minus(Duration.ofDays(4_000)))).setEndTime(at(now)).build()))))
        .containsExactly("end_time");
    assertThat(violatedFields(failure(() -> returns.getTopReturnReasons(GetTopReturnReasonsRequest.newBuilder()
        .setStartTime(at(now.minusSeconds(60))).setEndTime(at(now)).addProductCategories("").build()))))
        .containsExactly("product_categories[0]");
  }

  /** What a test knows it did with one return, to recompute the rates from. */
  private record Known(Channel channel, String category, ReturnReason reason, int requested, int returned) {
  }

  @Test
  void theRatesOfARandomCohortEqualARecomputationFromWhatHappened() {
    Random random = new Random(cohortDay.getEpochSecond());
    List<Channel> channels = List.of(Channel.CHANNEL_WEB, Channel.CHANNEL_MOBILE_APP, Channel.CHANNEL_STORE);
    List<String> categories = List.of("kitchen", "garden", "toys");
    List<ReturnReason> reasons = List.of(ReturnReason.RETURN_REASON_WRONG_SIZE,
        ReturnReason.RETURN_REASON_CHANGED_MIND, ReturnReason.RETURN_REASON_ARRIVED_LATE);
    Map<String, long[]> soldByCell = new HashMap<>();
    List<Known> known = new ArrayList<>();
    moveClockTo(cohortDay.plus(Duration.ofHours(25)));
    List<String> orderNames = new ArrayList<>();
    List<Channel> orderChannels = new ArrayList<>();
    List<String> orderCategories = new ArrayList<>();
    List<Integer> orderUnits = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Channel channel = channels.get(random.nextInt(channels.size()));
      String category = categories.get(random.nextInt(categories.size()));
      int units = 1 + random.nextInt(4);
      orderNames.add(recordAt(cohortDay.plus(Duration.ofMinutes(random.nextInt(1_440))), channel,
          line("SKU-" + i, category, units, 100)));
      orderChannels.add(channel);
      orderCategories.add(category);
      orderUnits.add(units);
      soldByCell.computeIfAbsent(channel + "|" + category, k -> new long[2])[0] += units;
      soldByCell.get(channel + "|" + category)[1]++;
    }
    moveClockTo(cohortDay.plus(Duration.ofDays(2)));
    for (int i = 0; i < orderNames.size(); i++) {
      if (random.nextInt(3) == 0) {
        continue;
      }
      ReturnReason reason = reasons.get(random.nextInt(reasons.size()));
      int requested = 1 + random.nextInt(orderUnits.get(i));
      ProductReturn r = requestReturn(orderNames.get(i), "SKU-" + i, requested, reason);
      int returned = 0;
      switch (random.nextInt(4)) {
        case 0 -> returns.cancelReturn(CancelReturnRequest.newBuilder().setName(r.getName()).build());
        case 1 -> returned = receive(r, requested).getLines(0).getReceivedQuantity();
        case 2 -> {
          reject(inspect(receive(r, requested), 0));
          returned = 0;
        }
        default -> {
          int parcel = 1 + random.nextInt(requested);
          receive(r, parcel);
          returned = parcel;
        }
      }
      known.add(new Known(orderChannels.get(i), orderCategories.get(i), reason, requested, returned));
    }

    GetReturnRateResponse cells = rate(ReturnRateDimension.RETURN_RATE_DIMENSION_CHANNEL,
        ReturnRateDimension.RETURN_RATE_DIMENSION_PRODUCT_CATEGORY, ReturnRateDimension.RETURN_RATE_DIMENSION_REASON);
    GetReturnRateResponse total = rate();

    List<ReturnRateRow> expected = new ArrayList<>();
    Map<String, long[]> byReasonCell = new HashMap<>();
    for (Known k : known) {
      long[] sums = byReasonCell.computeIfAbsent(k.channel() + "|" + k.category() + "|" + k.reason(), x -> new long[2]);
      sums[0] += k.requested();
      sums[1] += k.returned();
    }
    byReasonCell.forEach((key, sums) -> {
      String[] parts = key.split("\\|");
      long[] sold = soldByCell.get(parts[0] + "|" + parts[1]);
      expected.add(row(Channel.valueOf(parts[0]), parts[1], ReturnReason.valueOf(parts[2]), sold[1], sold[0], sums[0],
          sums[1]));
    });
    long totalSold = orderUnits.stream().mapToLong(Integer::longValue).sum();
    assertThat(cells.getRowsList()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(total.getTotal()).isEqualTo(row(null, null, null, orderNames.size(), totalSold,
        known.stream().mapToLong(Known::requested).sum(), known.stream().mapToLong(Known::returned).sum()));
    assertThat(total.getRowsList()).isEmpty();
  }

  static cx.common.v1.Money euros(long cents) {
    return cx.common.v1.Money.newBuilder().setCurrencyCode("EUR").setMinorUnits(cents).build();
  }

}
