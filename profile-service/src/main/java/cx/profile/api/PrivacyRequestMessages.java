package cx.profile.api;

import cx.common.v1.TimelineSource;
import cx.profile.domain.PrivacyRequest;
import cx.profile.domain.PrivacyRequestState;
import cx.profile.domain.PrivacyRequestType;
import cx.profile.domain.ServiceReceipt;
import cx.profile.v1.ActorRole;
import cx.profile.v1.ReceiptState;
import cx.profile.v1.ServiceReceipt.Builder;
import cx.runtime.failure.InvalidArgumentException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Privacy requests and their receipts as messages, and their resource names. */
final class PrivacyRequestMessages {

  private static final Pattern NAME = Pattern.compile("privacyRequests/([A-Za-z0-9_-]{1,64})");

  private PrivacyRequestMessages() {
  }

  /** The id in a {@code privacyRequests/{privacy_request}} name, or INVALID_ARGUMENT naming the field. */
  static String id(String name, String field) {
    Matcher matcher = NAME.matcher(name);
    if (!matcher.matches()) {
      throw InvalidArgumentException.of(field, "must be a name like privacyRequests/{privacy_request}");
    }
    return matcher.group(1);
  }

  static cx.profile.v1.PrivacyRequest toMessage(PrivacyRequest r) {
    cx.profile.v1.PrivacyRequest.Builder message = cx.profile.v1.PrivacyRequest.newBuilder()
        .setName(r.name())
        .setType(type(r.type()))
        .setCustomer("customers/" + r.customerId())
        .addAllCustomerIds(r.customerIds())
        .setState(state(r.state()))
        .setRequester(cx.profile.v1.Actor.newBuilder().setSubject(r.requester().subject())
            .setRole(ActorRole.valueOf("ACTOR_ROLE_" + r.requester().role().name())))
        .setReason(r.reason())
        .setCreateTime(ProtoValues.timestamp(r.createTime()))
        .setUpdateTime(ProtoValues.timestamp(r.updateTime()))
        .setVersion(r.version());
    if (r.completeTime() != null) {
      message.setCompleteTime(ProtoValues.timestamp(r.completeTime()));
    }
    if (r.exportExpireTime() != null) {
      message.setExportExpireTime(ProtoValues.timestamp(r.exportExpireTime()));
    }
    r.receipts().forEach(receipt -> message.addReceipts(toMessage(receipt)));
    return message.build();
  }

  private static cx.profile.v1.ServiceReceipt toMessage(ServiceReceipt r) {
    Builder receipt = cx.profile.v1.ServiceReceipt.newBuilder()
        .setService(TimelineSource.valueOf("TIMELINE_SOURCE_" + r.service().name()))
        .setState(ReceiptState.valueOf("RECEIPT_STATE_" + r.state().name()))
        .setAttemptCount(r.attemptCount())
        .setLastError(r.lastError());
    if (r.lastAttemptTime() != null) {
      receipt.setLastAttemptTime(ProtoValues.timestamp(r.lastAttemptTime()));
    }
    if (r.completeTime() != null) {
      receipt.setCompleteTime(ProtoValues.timestamp(r.completeTime()));
    }
    if (r.nextAttemptTime() != null) {
      receipt.setNextAttemptTime(ProtoValues.timestamp(r.nextAttemptTime()));
    }
    r.dispositions().forEach(d -> receipt.addDispositions(DispositionMessages.toMessage(d)));
    return receipt.build();
  }

  static cx.profile.v1.PrivacyRequestType type(PrivacyRequestType type) {
    return cx.profile.v1.PrivacyRequestType.valueOf("PRIVACY_REQUEST_TYPE_" + type.name());
  }

  static cx.profile.v1.PrivacyRequestState state(PrivacyRequestState state) {
    return cx.profile.v1.PrivacyRequestState.valueOf("PRIVACY_REQUEST_STATE_" + state.name());
  }
}
