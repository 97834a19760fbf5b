package cx.feedback.api;

import static cx.feedback.api.ValueMessages.timestamp;
import static cx.feedback.api.ValueMessages.toProto;

import cx.feedback.domain.Answer;
import cx.feedback.domain.FollowUp;
import cx.feedback.domain.SurveyResponse;
import cx.feedback.v1.FollowUpOutcome;
import cx.feedback.v1.FollowUpState;
import cx.feedback.v1.FollowUpTrigger;
import cx.feedback.v1.ScoreBand;
import cx.feedback.v1.SurveyType;
import cx.feedback.v1.Touchpoint;
import java.util.OptionalInt;

/**
 * Copies survey responses and follow-up cases between the API's messages and the domain, field
 * by field: only the answer is read from a request; name, band, follow-up, version and times
 * are always the server's.
 */
final class ResponseMessages {

  private ResponseMessages() {
  }

  static Answer toAnswer(String customerId, cx.feedback.v1.SurveyResponse response) {
    return new Answer(customerId,
        ResourceNames.surveyId(response.getSurvey(), "survey_response.survey"),
        ValueMessages.linkedRecord(response.hasTouchpointReference(), response.getTouchpointReference(),
            "survey_response.touchpoint_reference"),
        response.hasScore() ? OptionalInt.of(response.getScore()) : OptionalInt.empty(),
        response.getComment(), response.getFollowUpAnswer(),
        ValueMessages.channel(response.getChannel(), "survey_response.channel"),
        ValueMessages.instant(response.hasRespondTime(), response.getRespondTime(), "survey_response.respond_time"));
  }

  static cx.feedback.v1.SurveyResponse toMessage(SurveyResponse response) {
    cx.feedback.v1.SurveyResponse.Builder message = cx.feedback.v1.SurveyResponse.newBuilder()
        .setName(response.name())
        .setSurvey("surveys/" + response.surveyId())
        .setSurveyType(toProto(response.surveyType(), "SURVEY_TYPE_", SurveyType.class))
        .setTouchpoint(toProto(response.touchpoint(), "TOUCHPOINT_", Touchpoint.class))
        .setComment(response.comment())
        .setFollowUpAnswer(response.followUpAnswer())
        .setChannel(ValueMessages.channel(response.channel()))
        .setRespondTime(timestamp(response.respondTime()))
        .setBand(response.band() == cx.feedback.domain.ScoreBand.NONE
            ? ScoreBand.SCORE_BAND_UNSPECIFIED : toProto(response.band(), "SCORE_BAND_", ScoreBand.class))
        .setVersion(response.version())
        .setCreateTime(timestamp(response.createTime()));
    if (response.touchpointReference() != null) {
      message.setTouchpointReference(ValueMessages.linkedRecord(response.touchpointReference()));
    }
    response.score().ifPresent(message::setScore);
    if (response.hasFollowUp()) {
      message.setFollowUp("customers/" + response.customerId() + "/followUps/" + response.followUpId());
    }
    response.relatedRecords().forEach(r -> message.addRelatedRecords(ValueMessages.linkedRecord(r)));
    return message.build();
  }

  static cx.feedback.v1.FollowUp toMessage(FollowUp followUp) {
    cx.feedback.v1.FollowUp.Builder message = cx.feedback.v1.FollowUp.newBuilder()
        .setName(followUp.name())
        .setResponse("customers/" + followUp.customerId() + "/responses/" + followUp.responseId())
        .setSurvey("surveys/" + followUp.surveyId())
        .setSurveyType(toProto(followUp.surveyType(), "SURVEY_TYPE_", SurveyType.class))
        .setScore(followUp.score())
        .setChannel(ValueMessages.channel(followUp.channel()))
        .setTrigger(toProto(followUp.trigger(), "FOLLOW_UP_TRIGGER_", FollowUpTrigger.class))
        .setState(toProto(followUp.state(), "FOLLOW_UP_STATE_", FollowUpState.class))
        .setOutcome(toProto(followUp.outcome(), "FOLLOW_UP_OUTCOME_", FollowUpOutcome.class))
        .setCloseNote(followUp.closeNote())
        .setVersion(followUp.version())
        .setCreateTime(timestamp(followUp.createTime()))
        .setUpdateTime(timestamp(followUp.updateTime()));
    if (!followUp.complaintId().isEmpty()) {
      message.setComplaint("customers/" + followUp.customerId() + "/complaints/" + followUp.complaintId());
    }
    if (followUp.closedBy() != null) {
      message.setClosedBy(ValueMessages.actor(followUp.closedBy()));
    }
    if (followUp.closeTime() != null) {
      message.setCloseTime(timestamp(followUp.closeTime()));
    }
    followUp.closeDuration().ifPresent(d -> message.setCloseDuration(ValueMessages.duration(d)));
    return message.build();
  }
}
