package cx.returns.api;

import cx.returns.domain.Channel;
import cx.returns.domain.CustomerCommerce;
import cx.returns.domain.CustomerSummaryCounts;
import cx.returns.domain.Money;
import cx.returns.domain.ProductReturn;
import cx.returns.domain.ReturnLine;
import cx.returns.domain.ReturnRates;
import cx.returns.v1.CustomerCommerceSummary;
import cx.returns.v1.GetReturnRateRequest;
import cx.returns.v1.GetTopReturnReasonsRequest;
import cx.returns.v1.ReasonShare;
import cx.returns.v1.ReturnDigest;
import cx.returns.v1.ReturnRateDimension;
import cx.returns.v1.ReturnRateRow;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Copies analytics questions from requests and answers into responses. */
final class AnalyticsMessages {

  private static final int MAX_FILTER_VALUES = 100;

  private AnalyticsMessages() {
  }

  static ReturnRates.Query toQuery(GetReturnRateRequest request) {
    Set<ReturnRates.Dimension> groupBy = new HashSet<>();
    for (int i = 0; i < request.getGroupByCount(); i++) {
      ReturnRateDimension dimension = request.getGroupBy(i);
      String field = "group_by[" + i + "]";
      ReturnRates.Dimension d = ProtoValues.fromProto(dimension, "RETURN_RATE_DIMENSION_", ReturnRates.Dimension.class,
          field);
      if (d == null) {
        throw InvalidArgumentException.of(field, "must name a dimension");
      }
      groupBy.add(d);
    }
    return new ReturnRates.Query(time(request.hasStartTime(), request.getStartTime(), "start_time"),
        time(request.hasEndTime(), request.getEndTime(), "end_time"), groupBy,
        channels(request.getChannelsList(), "channels"), categories(request.getProductCategoriesList()));
  }

  static ReturnRates.Query toQuery(GetTopReturnReasonsRequest request) {
    return new ReturnRates.Query(time(request.hasStartTime(), request.getStartTime(), "start_time"),
        time(request.hasEndTime(), request.getEndTime(), "end_time"), Set.of(),
        channels(request.getChannelsList(), "channels"), categories(request.getProductCategoriesList()));
  }

  static ReturnRateRow toMessage(ReturnRates.Row row) {
    ReturnRateRow.Builder message = ReturnRateRow.newBuilder()
        .setOrderCount(row.orderCount())
        .setUnitsSold(row.unitsSold())
        .setUnitsRequested(row.unitsRequested())
        .setUnitsReturned(row.unitsReturned())
        .setReturnRate(row.returnRate());
    if (row.channel() != null) {
      message.setChannel(ProtoValues.channel(row.channel()));
    }
    if (row.productCategory() != null) {
      message.setProductCategory(row.productCategory());
    }
    if (row.reason() != null) {
      message.setReason(cx.returns.v1.ReturnReason.valueOf("RETURN_REASON_" + row.reason().name()));
    }
    return message.build();
  }

  static ReasonShare toMessage(ReturnRates.ReasonShare share) {
    return ReasonShare.newBuilder()
        .setReason(cx.returns.v1.ReturnReason.valueOf("RETURN_REASON_" + share.reason().name()))
        .setUnitsRequested(share.unitsRequested())
        .setUnitsReturned(share.unitsReturned())
        .setReturnCount(share.returnCount())
        .setShare(share.share())
        .build();
  }

  static CustomerCommerceSummary toMessage(CustomerCommerce commerce) {
    CustomerSummaryCounts counts = commerce.counts();
    CustomerCommerceSummary.Builder message = CustomerCommerceSummary.newBuilder()
        .setName("customers/" + counts.customerId() + "/commerceSummary")
        .setOrderCount(counts.orderCount())
        .setUnitsSold(counts.unitsSold())
        .setUnitsReturned(counts.unitsReturned())
        .setReturnRate(commerce.returnRate())
        .setOpenReturnCount(commerce.returnsInProgress().size())
        .setComputeTime(ProtoValues.timestamp(commerce.computeTime()));
    Map<String, Long> lifetime = new TreeMap<>(counts.grossSpend());
    counts.refunded().forEach((currency, amount) -> lifetime.merge(currency, -amount, Long::sum));
    new TreeMap<>(counts.grossSpend()).forEach((c, a) -> message.addGrossSpend(ProtoValues.money(new Money(c, a))));
    new TreeMap<>(counts.refunded()).forEach((c, a) -> message.addRefunded(ProtoValues.money(new Money(c, a))));
    lifetime.forEach((c, a) -> message.addLifetimeValue(ProtoValues.money(new Money(c, a))));
    if (counts.firstOrderTime() != null) {
      message.setFirstOrderTime(ProtoValues.timestamp(counts.firstOrderTime()));
      message.setLastOrderTime(ProtoValues.timestamp(counts.lastOrderTime()));
    }
    for (ProductReturn r : commerce.returnsInProgress()) {
      Money value = Money.zero(r.currencyCode());
      int units = 0;
      for (ReturnLine line : r.lines()) {
        value = value.plus(line.value());
        units += line.quantity();
      }
      message.addReturnsInProgress(ReturnDigest.newBuilder()
          .setName(r.name())
          .setOrder(r.orderName())
          .setState(cx.returns.v1.ReturnState.valueOf("RETURN_STATE_" + r.state().name()))
          .setUnitCount(units)
          .setValue(ProtoValues.money(value))
          .setCustomerMessage(r.statusHistory().get(r.statusHistory().size() - 1).customerMessage())
          .setCreateTime(ProtoValues.timestamp(r.createTime()))
          .setStateChangeTime(ProtoValues.timestamp(r.updateTime())));
    }
    return message.build();
  }

  private static Instant time(boolean given, com.google.protobuf.Timestamp timestamp, String field) {
    if (!given) {
      throw InvalidArgumentException.of(field, "is required");
    }
    return ProtoValues.instant(timestamp, field);
  }

  private static Set<Channel> channels(List<cx.common.v1.Channel> given, String field) {
    if (given.size() > MAX_FILTER_VALUES) {
      throw InvalidArgumentException.of(field, "may name at most " + MAX_FILTER_VALUES + " channels");
    }
    Set<Channel> channels = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      Channel channel = ProtoValues.channel(given.get(i), field + "[" + i + "]");
      if (channel == null) {
        throw InvalidArgumentException.of(field + "[" + i + "]", "must name a channel");
      }
      channels.add(channel);
    }
    return channels;
  }

  private static Set<String> categories(List<String> given) {
    if (given.size() > MAX_FILTER_VALUES) {
      throw InvalidArgumentException.of("product_categories", "may name at most " + MAX_FILTER_VALUES + " categories");
    }
    Set<String> categories = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String category = given.get(i).strip().toLowerCase(Locale.ROOT);
      if (category.isEmpty() || category.length() > 64) {
        throw InvalidArgumentException.of("product_categories[" + i + "]", "must be 1 to 64 characters");
      }
      categories.add(category);
    }
    return categories;
  }
}
