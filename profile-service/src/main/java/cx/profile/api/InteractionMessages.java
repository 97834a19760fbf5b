package cx.profile.api;

import cx.profile.domain.Interaction;
import cx.profile.domain.InteractionDirection;
import cx.profile.domain.InteractionType;
import cx.profile.domain.NewInteraction;
import cx.runtime.failure.InvalidArgumentException;

/**
 * Copies touchpoints and timeline events between the API's messages and the domain, field by
 * field: from a request only what a caller may set is read, so the name, recorder and create
 * time are always the service's.
 */
final class InteractionMessages {

  private InteractionMessages() {
  }

  static NewInteraction toNewInteraction(cx.profile.v1.Interaction message) {
    return new NewInteraction(message.getExternalId(),
        ProtoValues.channelName(message.getChannel(), "interaction.channel"),
        type(message.getType(), "interaction.type"), direction(message.getDirection()), message.getSummary().strip(),
        ProtoValues.instant(message.hasOccurTime(), message.getOccurTime(), "interaction.occur_time").orElse(null),
        ProtoValues.duration(message.hasDuration(), message.getDuration(), "interaction.duration"),
        message.getAgent().strip(), message.getMetadataMap(), message.getRelatedResourcesList());
  }

  /** The domain type of an API type; null when it was not given (the domain reports it). */
  static InteractionType type(cx.profile.v1.InteractionType type, String field) {
    return switch (type) {
      case INTERACTION_TYPE_UNSPECIFIED -> null;
      case UNRECOGNIZED -> throw InvalidArgumentException.of(field, "is not a known interaction type");
      default -> InteractionType.valueOf(type.name().substring("INTERACTION_TYPE_".length()));
    };
  }

  private static InteractionDirection direction(cx.profile.v1.InteractionDirection direction) {
    return switch (direction) {
      case INTERACTION_DIRECTION_INBOUND -> InteractionDirection.INBOUND;
      case INTERACTION_DIRECTION_OUTBOUND -> InteractionDirection.OUTBOUND;
      case INTERACTION_DIRECTION_UNSPECIFIED -> InteractionDirection.UNKNOWN;
      case UNRECOGNIZED -> throw InvalidArgumentException.of("interaction.direction", "is not a known direction");
    };
  }

  static cx.profile.v1.Interaction toMessage(Interaction interaction) {
    NewInteraction content = interaction.content();
    cx.profile.v1.Interaction.Builder message = cx.profile.v1.Interaction.newBuilder()
        .setName(interaction.name())
        .setExternalId(content.externalId())
        .setChannel(ProtoValues.channel(content.channel()))
        .setType(cx.profile.v1.InteractionType.valueOf("INTERACTION_TYPE_" + content.type().name()))
        .setDirection(content.direction() == InteractionDirection.UNKNOWN
            ? cx.profile.v1.InteractionDirection.INTERACTION_DIRECTION_UNSPECIFIED
            : cx.profile.v1.InteractionDirection.valueOf("INTERACTION_DIRECTION_" + content.direction().name()))
        .setSummary(content.summary())
        .setOccurTime(ProtoValues.timestamp(content.occurTime()))
        .setAgent(content.agent())
        .putAllMetadata(content.metadata())
        .addAllRelatedResources(content.relatedResources())
        .setRecordedBy(interaction.recordedBy())
        .setCreateTime(ProtoValues.timestamp(interaction.createTime()));
    content.duration().ifPresent(d -> message.setDuration(ProtoValues.duration(d)));
    return message.build();
  }

}
