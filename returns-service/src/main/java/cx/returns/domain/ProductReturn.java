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
 * @param partialReceipt whether fewer units arrived than were requested on some line
 * @param version incremented by every change; every write is a compare-and-set on it
 */
public record ProductReturn(String id, String customerId, String orderId, List<ReturnLine> lines,
    Resolution preferredResolution, Channel channel, ReturnState state, ReturnDecision decision,
    List<StatusChange> statusHistory, Shipment shipment, Instant labelExpireTime, boolean partialReceipt,
    List<LinkedCase> linkedCases, long version, Instant createTime, Instant updateTime) {

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

  /** Whether the customer should be offered to file a complaint linked to this return. */
  public boolean complaintSuggested() {
    return lines.stream().anyMatch(l -> l.reason().suggestsComplaint())
        && linkedCases.stream().noneMatch(c -> c.kind() == LinkedCaseKind.COMPLAINT);
  }

  /** This return moved to {@code next}, with the change appended to its history. */
  public ProductReturn moveTo(ReturnState next, Actor actor, Instant now, String customerMessage) {
    List<StatusChange> history = new ArrayList<>(statusHistory);
    history.add(new StatusChange(next, actor, now,
        customerMessage.isBlank() ? StatusMessages.standard(next) : customerMessage.strip()));
    return new ProductReturn(id, customerId, orderId, lines, preferredResolution, channel, next, decision, history,
        shipment, labelExpireTime, partialReceipt, linkedCases, version + 1, createTime, now);
  }

  /** This return with the label's expiry and, when given, the shipment an approval set. */
  public ProductReturn withApproval(Instant newLabelExpireTime, Shipment approvalShipment) {
    return new ProductReturn(id, customerId, orderId, lines, preferredResolution, channel, state, decision,
        statusHistory, approvalShipment.isEmpty() ? shipment : approvalShipment, newLabelExpireTime, partialReceipt,
        linkedCases, version, createTime, updateTime);
  }
}
