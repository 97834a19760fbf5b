package cx.profile.api;

import cx.profile.domain.ConsentChange;
import cx.profile.domain.ConsentChannel;
import cx.profile.domain.ConsentDecision;
import cx.profile.domain.ConsentPurpose;
import cx.profile.domain.ConsentStatus;
import cx.profile.v1.Consent;
import cx.profile.v1.ConsentChangeCause;
import cx.profile.v1.ConsentCheckBasis;
import cx.profile.v1.ConsentSource;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;

/**
 * Copies consent decisions between the API's messages and the domain, field by field: from a
 * request only purpose, channel, status, source channel and description and decide time are
 * read; who recorded a decision and when are set by the service.
 */
final class ConsentMessages {

  private ConsentMessages() {
  }

  /** The decision a request asks to record; the decide time defaults to {@code now}. */
  static ConsentDecision toDecision(Consent consent, Instant now, String field) {
    ConsentStatus status = switch (consent.getStatus()) {
      case CONSENT_STATUS_GRANTED -> ConsentStatus.GRANTED;
      case CONSENT_STATUS_DENIED -> ConsentStatus.DENIED;
      case CONSENT_STATUS_UNSPECIFIED -> throw InvalidArgumentException.of(field + ".status", "is required");
      case UNRECOGNIZED -> throw InvalidArgumentException.of(field + ".status", "is not a known status");
    };
    String sourceChannel = ProtoValues.channelName(consent.getSource().getChannel(), field + ".source.channel");
    if (sourceChannel.isEmpty()) {
      throw InvalidArgumentException.of(field + ".source.channel", "is required");
    }
    Instant decideTime = ProtoValues.instant(consent.hasDecideTime(), consent.getDecideTime(), field + ".decide_time")
        .orElse(now);
    return new ConsentDecision(purpose(consent.getPurpose(), field + ".purpose"),
        channel(consent.getChannel(), field + ".channel"), status, sourceChannel,
        consent.getSource().getDescription().strip(), "", decideTime, now);
  }

  static ConsentPurpose purpose(cx.profile.v1.ConsentPurpose purpose, String field) {
    return switch (purpose) {
      case CONSENT_PURPOSE_MARKETING -> ConsentPurpose.MARKETING;
      case CONSENT_PURPOSE_SURVEYS -> ConsentPurpose.SURVEYS;
      case CONSENT_PURPOSE_SERVICE_UPDATES -> ConsentPurpose.SERVICE_UPDATES;
      case CONSENT_PURPOSE_ANALYTICS -> ConsentPurpose.ANALYTICS;
      case CONSENT_PURPOSE_UNSPECIFIED -> throw InvalidArgumentException.of(field, "is required");
      case UNRECOGNIZED -> throw InvalidArgumentException.of(field, "is not a known purpose");
    };
  }

  static ConsentChannel channel(cx.profile.v1.ConsentChannel channel, String field) {
    return switch (channel) {
      case CONSENT_CHANNEL_EMAIL -> ConsentChannel.EMAIL;
      case CONSENT_CHANNEL_SMS -> ConsentChannel.SMS;
      case CONSENT_CHANNEL_PUSH -> ConsentChannel.PUSH;
      case CONSENT_CHANNEL_PHONE -> ConsentChannel.PHONE;
      case CONSENT_CHANNEL_ANY -> ConsentChannel.ANY;
      case CONSENT_CHANNEL_UNSPECIFIED -> throw InvalidArgumentException.of(field, "is required");
      case UNRECOGNIZED -> throw InvalidArgumentException.of(field, "is not a known channel");
    };
  }

  static Consent toMessage(ConsentDecision decision) {
    return Consent.newBuilder()
        .setPurpose(cx.profile.v1.ConsentPurpose.valueOf("CONSENT_PURPOSE_" + decision.purpose().name()))
        .setChannel(cx.profile.v1.ConsentChannel.valueOf("CONSENT_CHANNEL_" + decision.channel().name()))
        .setStatus(decision.status() == ConsentStatus.NONE ? cx.profile.v1.ConsentStatus.CONSENT_STATUS_UNSPECIFIED
            : cx.profile.v1.ConsentStatus.valueOf("CONSENT_STATUS_" + decision.status().name()))
        .setSource(ConsentSource.newBuilder()
            .setChannel(ProtoValues.channel(decision.sourceChannel()))
            .setDescription(decision.sourceDescription())
            .setRecordedBy(decision.recordedBy()))
        .setDecideTime(ProtoValues.timestamp(decision.decideTime()))
        .setRecordTime(ProtoValues.timestamp(decision.recordTime()))
        .build();
  }

  static cx.profile.v1.ConsentChange toMessage(ConsentChange change) {
    return cx.profile.v1.ConsentChange.newBuilder()
        .setName("customers/" + change.customerId() + "/consentChanges/" + change.id())
        .setDecision(toMessage(change.decision()))
        .setPreviousStatus(change.previousStatus() == ConsentStatus.NONE
            ? cx.profile.v1.ConsentStatus.CONSENT_STATUS_UNSPECIFIED
            : cx.profile.v1.ConsentStatus.valueOf("CONSENT_STATUS_" + change.previousStatus().name()))
        .setCause(ConsentChangeCause.valueOf("CONSENT_CHANGE_CAUSE_" + change.cause().name()))
        .setMerge(change.mergeId().isEmpty() ? "" : "customers/" + change.customerId() + "/merges/" + change.mergeId())
        .build();
  }

  static ConsentCheckBasis toMessage(cx.profile.domain.ConsentCheckBasis basis) {
    return ConsentCheckBasis.valueOf("CONSENT_CHECK_BASIS_" + basis.name());
  }
}
