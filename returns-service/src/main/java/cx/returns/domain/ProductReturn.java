package cx.returns.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's request to send back units of one order, and everything that happened to it.
 *
 * @param id the server-generated id; empty for a preview that was not stored
 * @param channel the channel the return was requested through
 * @param statusHistory every state the return has been in, oldest first
 * @param labelExpireTime when the approved return's label stops being usable; null before approval
 * @param partialReceipt whether goods arrived but fewer units than were requested on some line
 * @param settlement how the return was settled; null until it was
 * @param version incremented by every change; every write is a compare-and-set on it
 */
public record ProductReturn(String id, String customerId, String orderId, List<ReturnLine> lines,
    Resolution preferredResolution, Channel channel, ReturnState state, ReturnDecision decision,
    List<StatusChange> statusHistory, Shipment shipment, Instant labelExpireTime, boolean partialReceipt,
    Settlement settlement, List<LinkedCase> linkedCases, long version, Instant createTime, Instant updateTime) {

  public ProductReturn {
    lines = List.copyOf(lines);
    statusHistory = List.copyOf(statusHistory);
    linkedCases = List.copyOf(linkedCases);
  }

  /** The return's resource name; empty for a preview. */
  public String name() {
    return id.isEmpty() ? "" : "customers/" + customerId + "/returns/" + id;
  }

  /** The name of the order the units were bought with. */
  public String orderName() {
    return "customers/" + customerId + "/orders/" + orderId;
  }

  /** The currency the units were paid in. */
  public String currencyCode() {
    return lines.get(0).unitPrice().currencyCode();
  }

  /** Whether the customer should be offered to file a complaint linked to this return. */
  public boolean complaintSuggested() {
    return lines.stream().anyMatch(l -> l.reason().suggestsComplaint())
        && linkedCases.stream().noneMatch(c -> c.kind() == LinkedCaseKind.COMPLAINT);
  }

  /** Whether the label of this approved return went unused past its expiry at {@code now}. */
  public boolean labelExpiredAt(Instant now) {
    return state == ReturnState.APPROVED && labelExpireTime != null && now.isAfter(labelExpireTime);
  }

  /** This return moved to {@code next}, with the change appended to its history. */
  public ProductReturn moveTo(ReturnState next, Actor actor, Instant now, String customerMessage) {
    List<StatusChange> history = new ArrayList<>(statusHistory);
    history.add(new StatusChange(next, actor, now,
        customerMessage.isBlank() ? StatusMessages.standard(next) : customerMessage.strip()));
    return new ProductReturn(id, customerId, orderId, lines, preferredResolution, channel, next, decision, history,
        shipment, labelExpireTime, partialReceipt, settlement, linkedCases, version + 1, createTime, now);
  }

  /** This return with the label's expiry and, when given, the shipment an approval set. */
  public ProductReturn withApproval(Instant newLabelExpireTime, Shipment approvalShipment) {
    return new ProductReturn(id, customerId, orderId, lines, preferredResolution, channel, state, decision,
        statusHistory, approvalShipment.isEmpty() ? shipment : approvalShipment, newLabelExpireTime, partialReceipt,
        settlement, linkedCases, version, createTime, updateTime);
  }

  /** This return with another shipment. */
  public ProductReturn withShipment(Shipment newShipment) {
    return new ProductReturn(id, customerId, orderId, lines, preferredResolution, channel, state, decision,
        statusHistory, newShipment, labelExpireTime, partialReceipt, settlement, linkedCases, version, createTime,
        updateTime);
  }

  /** This return with other lines; the receipt is partial while goods arrived and some are missing. */
  public ProductReturn withLines(List<ReturnLine> newLines) {
    boolean anyReceived = newLines.stream().anyMatch(l -> l.receivedQuantity() > 0);
    boolean partial = anyReceived && newLines.stream().anyMatch(ReturnLine::awaitsUnits);
    return new ProductReturn(id, customerId, orderId, newLines, preferredResolution, channel, state, decision,
        statusHistory, shipment, labelExpireTime, partial, settlement, linkedCases, version, createTime, updateTime);
  }

  /** This return with one more linked case, as a new version. */
  public ProductReturn withLinkedCase(LinkedCase linked, Instant now) {
    List<LinkedCase> cases = new ArrayList<>(linkedCases);
    cases.add(linked);
    return new ProductReturn(id, customerId, orderId, lines, preferredResolution, channel, state, decision,
        statusHistory, shipment, labelExpireTime, partialReceipt, settlement, cases, version + 1, createTime, now);
  }

  /**
   * This return kept for accounting only, as a new version: it names {@code pseudonym} instead
   * of its customer, and the customer's comments, photos, messages and shipping details are
   * gone; lines, amounts, states and times stay.
   */
  public ProductReturn pseudonymised(String pseudonym) {
    List<ReturnLine> plainLines = lines.stream().map(ReturnLine::withoutPersonalData).toList();
    List<StatusChange> history = statusHistory.stream()
        .map(c -> new StatusChange(c.state(), c.actor().type() == ActorType.CUSTOMER
            ? new Actor(pseudonym, ActorType.CUSTOMER) : c.actor(), c.changeTime(), StatusMessages.standard(c.state())))
        .toList();
    return new ProductReturn(id, pseudonym, orderId, plainLines, preferredResolution, channel, state, decision, history,
        Shipment.NONE, labelExpireTime, partialReceipt, settlement, List.of(), version + 1, createTime, updateTime);
  }

  /** This return with its settlement. */
  public ProductReturn withSettlement(Settlement newSettlement) {
    return new ProductReturn(id, customerId, orderId, lines, preferredResolution, channel, state, decision,
        statusHistory, shipment, labelExpireTime, partialReceipt, newSettlement, linkedCases, version, createTime,
        updateTime);
  }
}
