package cx.returns.api;

import cx.returns.domain.ExchangeItem;
import cx.returns.domain.InspectedUnits;
import cx.returns.domain.ItemCondition;
import cx.returns.domain.LinkedCase;
import cx.returns.domain.LinkedCaseKind;
import cx.returns.domain.NewReturn;
import cx.returns.domain.NewReturnLine;
import cx.returns.domain.PolicyReason;
import cx.returns.domain.ProductReturn;
import cx.returns.domain.Resolution;
import cx.returns.domain.ReturnDecision;
import cx.returns.domain.ReturnLine;
import cx.returns.domain.ReceivedUnits;
import cx.returns.domain.ReturnReason;
import cx.returns.domain.Settlement;
import cx.returns.domain.Shipment;
import cx.returns.domain.StatusChange;
import cx.returns.v1.ActorType;
import cx.returns.v1.CreateReturnRequest;
import cx.returns.v1.ExchangeLine;
import cx.returns.v1.InspectedLine;
import cx.returns.v1.PolicyReasonCode;
import cx.returns.v1.ReceivedLine;
import cx.returns.v1.ReturnDecisionOutcome;
import cx.returns.v1.ReturnSettlement;
import cx.returns.v1.ReturnShipment;
import cx.returns.v1.ReturnState;
import cx.runtime.failure.NotFoundException;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies returns between the API's messages and the domain, field by field: only what a
 * customer may ask for is read from a request, so state, decision, history, version and times
 * can never be set from input.
 */
final class ReturnMessages {

  private ReturnMessages() {
  }

  static NewReturn toNewReturn(CreateReturnRequest request) {
    String customerId = ResourceNames.customerId(request.getParent(), "parent");
    cx.returns.v1.ProductReturn given = request.getProductReturn();
    ResourceNames.OrderName order = ResourceNames.orderName(given.getOrder(), "product_return.order");
    if (!order.customerId().equals(customerId)) {
      // Another customer's order is answered exactly like a missing one.
      throw new NotFoundException(given.getOrder());
    }
    List<NewReturnLine> lines = new ArrayList<>();
    for (int i = 0; i < given.getLinesCount(); i++) {
      cx.returns.v1.ReturnLine line = given.getLines(i);
      String field = "product_return.lines[" + i + "]";
      lines.add(new NewReturnLine(line.getOrderLineId(), line.getSku(), line.getQuantity(),
          ProtoValues.fromProto(line.getReason(), "RETURN_REASON_", ReturnReason.class, field + ".reason"),
          ProtoValues.fromProto(line.getCondition(), "ITEM_CONDITION_", ItemCondition.class, field + ".condition"),
          line.getComment(), line.getEvidenceUrisList()));
    }
    List<LinkedCase> linkedCases = new ArrayList<>();
    for (int i = 0; i < given.getLinkedCasesCount(); i++) {
      cx.returns.v1.LinkedCase linked = given.getLinkedCases(i);
      linkedCases.add(new LinkedCase(linked.getResource(), ProtoValues.fromProto(linked.getKind(), "LINKED_CASE_KIND_",
          LinkedCaseKind.class, "product_return.linked_cases[" + i + "].kind"), null));
    }
    return new NewReturn(customerId, order.orderId(), lines,
        ProtoValues.fromProto(given.getPreferredResolution(), "RESOLUTION_", Resolution.class,
            "product_return.preferred_resolution"),
        ProtoValues.channel(given.getChannel(), "product_return.channel"), linkedCases);
  }

  /** The shipment an approval gives, or {@link Shipment#NONE}; its ship time is ignored. */
  static Shipment toShipment(boolean given, ReturnShipment shipment) {
    return given
        ? Shipment.fromCaller(shipment.getCarrier(), shipment.getTrackingNumber(), shipment.getLabelUri(), "shipment")
        : Shipment.NONE;
  }

  static cx.returns.v1.ProductReturn toMessage(ProductReturn r) {
    cx.returns.v1.ProductReturn.Builder message = cx.returns.v1.ProductReturn.newBuilder()
        .setName(r.name())
        .setOrder(r.orderName())
        .setPreferredResolution(cx.returns.v1.Resolution.valueOf("RESOLUTION_" + r.preferredResolution().name()))
        .setChannel(ProtoValues.channel(r.channel()))
        .setState(state(r.state()))
        .setDecision(toMessage(r.decision()))
        .setPartialReceipt(r.partialReceipt())
        .setVersion(r.version())
        .setCreateTime(ProtoValues.timestamp(r.createTime()))
        .setUpdateTime(ProtoValues.timestamp(r.updateTime()));
    for (ReturnLine line : r.lines()) {
      cx.returns.v1.ReturnLine.Builder l = cx.returns.v1.ReturnLine.newBuilder()
          .setOrderLineId(line.orderLineId())
          .setSku(line.sku())
          .setQuantity(line.quantity())
          .setReason(cx.returns.v1.ReturnReason.valueOf("RETURN_REASON_" + line.reason().name()))
          .setCondition(condition(line.condition()))
          .setComment(line.comment())
          .addAllEvidenceUris(line.evidenceUris())
          .setProductCategory(line.productCategory())
          .setUnitPrice(ProtoValues.money(line.unitPrice()))
          .setRestockingFeeBasisPoints(line.restockingFeeBasisPoints())
          .setRestockingFeePerUnit(ProtoValues.money(line.restockingFeePerUnit()))
          .setRestockingFee(ProtoValues.money(line.restockingFee()))
          .setReceivedQuantity(line.receivedQuantity())
          .setDamagedQuantity(line.damagedQuantity())
          .setAcceptedQuantity(line.acceptedQuantity());
      if (line.inspectedCondition() != null) {
        l.setInspectedCondition(condition(line.inspectedCondition()));
      }
      message.addLines(l);
    }
    for (StatusChange change : r.statusHistory()) {
      message.addStatusHistory(cx.returns.v1.StatusChange.newBuilder()
          .setState(state(change.state()))
          .setActor(change.actor().subject())
          .setActorType(change.actor().type() == cx.returns.domain.ActorType.UNKNOWN
              ? ActorType.ACTOR_TYPE_UNSPECIFIED : ActorType.valueOf("ACTOR_TYPE_" + change.actor().type().name()))
          .setChangeTime(ProtoValues.timestamp(change.changeTime()))
          .setCustomerMessage(change.customerMessage()));
    }
    Shipment shipment = r.shipment();
    if (!shipment.isEmpty()) {
      ReturnShipment.Builder s = ReturnShipment.newBuilder()
          .setCarrier(shipment.carrier())
          .setTrackingNumber(shipment.trackingNumber())
          .setLabelUri(shipment.labelUri());
      if (shipment.shipTime() != null) {
        s.setShipTime(ProtoValues.timestamp(shipment.shipTime()));
      }
      message.setShipment(s);
    }
    if (r.settlement() != null) {
      message.setSettlement(toMessage(r.settlement()));
    }
    if (r.labelExpireTime() != null) {
      message.setLabelExpireTime(ProtoValues.timestamp(r.labelExpireTime()));
    }
    for (LinkedCase linked : r.linkedCases()) {
      message.addLinkedCases(cx.returns.v1.LinkedCase.newBuilder()
          .setResource(linked.resource())
          .setKind(cx.returns.v1.LinkedCaseKind.valueOf("LINKED_CASE_KIND_" + linked.kind().name()))
          .setLinkTime(ProtoValues.timestamp(linked.linkTime())));
    }
    return message.build();
  }

  private static ReturnSettlement toMessage(Settlement settlement) {
    ReturnSettlement.Builder message = ReturnSettlement.newBuilder()
        .setResolution(cx.returns.v1.Resolution.valueOf("RESOLUTION_" + settlement.resolution().name()))
        .setAmount(ProtoValues.money(settlement.amount()))
        .setRestockingFee(ProtoValues.money(settlement.restockingFee()))
        .setReference(settlement.reference())
        .setSettleTime(ProtoValues.timestamp(settlement.settleTime()));
    for (ExchangeItem item : settlement.exchangeItems()) {
      message.addExchangeLines(ExchangeLine.newBuilder().setSku(item.sku()).setQuantity(item.quantity()));
    }
    return message.build();
  }

  static List<ReceivedUnits> toParcel(List<ReceivedLine> lines) {
    return lines.stream()
        .map(l -> new ReceivedUnits(l.getOrderLineId(), l.getReceivedQuantity(), l.getDamagedQuantity()))
        .toList();
  }

  static List<InspectedUnits> toFindings(List<InspectedLine> lines) {
    List<InspectedUnits> findings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      InspectedLine line = lines.get(i);
      findings.add(new InspectedUnits(line.getOrderLineId(), line.getAcceptedQuantity(), ProtoValues.fromProto(
          line.getCondition(), "ITEM_CONDITION_", ItemCondition.class, "lines[" + i + "].condition")));
    }
    return findings;
  }

  static List<ExchangeItem> toExchangeItems(List<ExchangeLine> lines) {
    return lines.stream().map(l -> new ExchangeItem(l.getSku(), l.getQuantity())).toList();
  }

  private static cx.returns.v1.ReturnDecision toMessage(ReturnDecision decision) {
    cx.returns.v1.ReturnDecision.Builder message = cx.returns.v1.ReturnDecision.newBuilder()
        .setOutcome(ReturnDecisionOutcome.valueOf("RETURN_DECISION_OUTCOME_" + decision.outcome().name()))
        .setEstimatedRefund(ProtoValues.money(decision.estimatedRefund()))
        .setEstimatedRestockingFee(ProtoValues.money(decision.estimatedRestockingFee()))
        .setWindowEndTime(ProtoValues.timestamp(decision.windowEndTime()))
        .setPolicyVersion(decision.policyVersion())
        .setDecideTime(ProtoValues.timestamp(decision.decideTime()));
    for (PolicyReason reason : decision.reasons()) {
      message.addReasons(cx.returns.v1.PolicyReason.newBuilder()
          .setCode(PolicyReasonCode.valueOf("POLICY_REASON_CODE_" + reason.code().name()))
          .setMessage(reason.message())
          .setOrderLineId(reason.orderLineId()));
    }
    return message.build();
  }

  private static ReturnState state(cx.returns.domain.ReturnState state) {
    return ReturnState.valueOf("RETURN_STATE_" + state.name());
  }

  private static cx.returns.v1.ItemCondition condition(ItemCondition condition) {
    return cx.returns.v1.ItemCondition.valueOf("ITEM_CONDITION_" + condition.name());
  }
}
