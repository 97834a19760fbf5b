package cx.feedback.api;

import static cx.feedback.api.ValueMessages.fromProto;
import static cx.feedback.api.ValueMessages.timestamp;
import static cx.feedback.api.ValueMessages.toProto;

import cx.feedback.domain.NewSurvey;
import cx.runtime.failure.InvalidArgumentException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import cx.feedback.domain.Survey;
import cx.feedback.domain.SurveyType;
import cx.feedback.domain.Touchpoint;

/**
 * Copies surveys between the API's messages and the domain, field by field: only what an
 * administrator may set is read from a request, so the name, scale, version and times are
 * always the server's.
 */
final class SurveyMessages {

  private SurveyMessages() {
  }

  static NewSurvey toNewSurvey(cx.feedback.v1.Survey survey) {
    return new NewSurvey(survey.getDisplayName(),
        fromProto(survey.getType(), "SURVEY_TYPE_", SurveyType.class, "survey.type"),
        survey.getQuestion(), survey.getFollowUpQuestion(),
        fromProto(survey.getTouchpoint(), "TOUCHPOINT_", Touchpoint.class, "survey.touchpoint"),
        ValueMessages.channels(survey.getChannelsList(), "survey.channels"),
        ValueMessages.instant(survey.hasStartTime(), survey.getStartTime(), "survey.start_time"),
        ValueMessages.instant(survey.hasEndTime(), survey.getEndTime(), "survey.end_time"),
        ValueMessages.duration(survey.hasQuietPeriod(), survey.getQuietPeriod(), "survey.quiet_period"));
  }

  static cx.feedback.v1.Survey toMessage(Survey survey) {
    cx.feedback.v1.Survey.Builder message = cx.feedback.v1.Survey.newBuilder()
        .setName(survey.name())
        .setDisplayName(survey.displayName())
        .setType(toProto(survey.type(), "SURVEY_TYPE_", cx.feedback.v1.SurveyType.class))
        .setQuestion(survey.question())
        .setFollowUpQuestion(survey.followUpQuestion())
        .setTouchpoint(toProto(survey.touchpoint(), "TOUCHPOINT_", cx.feedback.v1.Touchpoint.class))
        .setStartTime(timestamp(survey.startTime()))
        .setMinScore(survey.type().minScore())
        .setMaxScore(survey.type().maxScore())
        .setVersion(survey.version())
        .setCreateTime(timestamp(survey.createTime()))
        .setUpdateTime(timestamp(survey.updateTime()));
    survey.channels().forEach(channel -> message.addChannels(ValueMessages.channel(channel)));
    survey.end().ifPresent(end -> message.setEndTime(timestamp(end)));
    if (survey.quietPeriod() != null) {
      message.setQuietPeriod(ValueMessages.duration(survey.quietPeriod()));
    }
    return message.build();
  }

  /** The paths of a survey an update may name. */
  private static final Set<String> UPDATABLE = Set.of("display_name", "question",
      "follow_up_question", "channels", "start_time", "end_time", "quiet_period");

  /**
   * The current survey with the fields the mask names copied from the request, and no other:
   * an unknown, output-only or immutable path is refused.
   */
  static cx.feedback.v1.Survey withMaskedFields(cx.feedback.v1.Survey current, cx.feedback.v1.Survey request,
      boolean hasMask, List<String> paths) {
    if (!hasMask || paths.isEmpty()) {
      throw InvalidArgumentException.of("update_mask", "is required and names the fields to change");
    }
    cx.feedback.v1.Survey.Builder merged = current.toBuilder();
    for (String path : paths) {
      if (!UPDATABLE.contains(path)) {
        throw InvalidArgumentException.of("update_mask", "may name only " + String.join(", ",
            new TreeSet<>(UPDATABLE)));
      }
      switch (path) {
        case "display_name" -> merged.setDisplayName(request.getDisplayName());
        case "question" -> merged.setQuestion(request.getQuestion());
        case "follow_up_question" -> merged.setFollowUpQuestion(request.getFollowUpQuestion());
        case "channels" -> merged.clearChannels().addAllChannels(request.getChannelsList());
        case "start_time" -> {
          merged.clearStartTime();
          if (request.hasStartTime()) {
            merged.setStartTime(request.getStartTime());
          }
        }
        case "end_time" -> {
          merged.clearEndTime();
          if (request.hasEndTime()) {
            merged.setEndTime(request.getEndTime());
          }
        }
        default -> {
          merged.clearQuietPeriod();
          if (request.hasQuietPeriod()) {
            merged.setQuietPeriod(request.getQuietPeriod());
          }
        }
      }
    }
    return merged.build();
  }
}
