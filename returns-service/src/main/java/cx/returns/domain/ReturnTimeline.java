package cx.returns.domain;

import cx.runtime.timeline.CustomerEvent;
import cx.runtime.timeline.CustomerEventLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes orders and returns into the customers' timelines: {@code order.placed}, and one
 * {@code return.<state>} event per entry of a return's status history (requested, approved,
 * in_transit, received, inspected, refunded, …). Event ids name the order, or the return and the
 * history entry's position, so recording an event again keeps one copy. Linked complaints and
 * survey answers go into every return event's related resources, so an agent sees one problem's
 * whole story together.
 */
public final class ReturnTimeline {

  private final CustomerEventLog log;

  public ReturnTimeline(CustomerEventLog log) {
    this.log = log;
  }

  /** Records that the order was placed, at its order time. */
  public void orderPlaced(Order order) {
    Money total = order.total();
    int units = order.lines().stream().mapToInt(OrderLine::quantity).sum();
    log.record(new CustomerEvent("order:" + order.id() + ":placed", order.customerId(), order.orderTime(),
        "order.placed", order.channel().name(),
        "Order " + order.id() + " placed: " + units + " item(s), " + MoneyText.format(total) + ".", order.name(),
        List.of(), Map.of("units", String.valueOf(units), "totalMinorUnits", String.valueOf(total.minorUnits()),
            "currencyCode", total.currencyCode())));
  }

  /**
   * Records the history entries of the return's last change, or all of them to repair a
   * recording an interrupted change may have missed.
   */
  public void returnChanged(ProductReturn r, boolean allEntries) {
    List<StatusChange> history = r.statusHistory();
    for (int i = 0; i < history.size(); i++) {
      StatusChange change = history.get(i);
      if (allEntries || change.changeTime().equals(r.updateTime())) {
        log.record(event(r, i, change));
      }
    }
  }

  /** Records that a case was linked to the return. */
  public void caseLinked(ProductReturn r, LinkedCase linked) {
    log.record(new CustomerEvent("return:" + r.id() + ":linked:" + linked.resource(), r.customerId(),
        linked.linkTime(), "return.linked", r.channel().name(),
        "A " + linked.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " was linked to return " + r.id() + ".",
        r.name(), related(r), Map.of("linkedKind", linked.kind().name())));
  }

  private static CustomerEvent event(ProductReturn r, int index, StatusChange change) {
    String state = change.state().name().toLowerCase(Locale.ROOT);
    int units = r.lines().stream().mapToInt(ReturnLine::quantity).sum();
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("state", change.state().name());
    attributes.put("actorType", change.actor().type().name());
    attributes.put("units", String.valueOf(units));
    if (change.state() == ReturnState.RECEIVED) {
      attributes.put("partialReceipt", String.valueOf(r.partialReceipt()));
    }
    Settlement settlement = r.settlement();
    if (settlement != null && change.state().isFinal() && !change.state().releasesUnits()) {
      attributes.put("amountMinorUnits", String.valueOf(settlement.amount().minorUnits()));
      attributes.put("currencyCode", settlement.amount().currencyCode());
    }
    return new CustomerEvent("return:" + r.id() + ":" + index, r.customerId(), change.changeTime(), "return." + state,
        r.channel().name(), "Return " + r.id() + " of " + units + " item(s): " + change.customerMessage(), r.name(),
        related(r), attributes);
  }

  private static List<String> related(ProductReturn r) {
    List<String> related = new ArrayList<>();
    related.add(r.orderName());
    r.linkedCases().forEach(c -> related.add(c.resource()));
    return related;
  }
}
