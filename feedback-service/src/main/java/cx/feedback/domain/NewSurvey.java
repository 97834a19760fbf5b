package cx.feedback.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/**
 * What an administrator says about a survey they create. The constructor checks every field and
 * reports all violations at once.
 *
 * @param type null when the caller did not give one (reported as a violation)
 * @param touchpoint null when the caller did not give one (reported as a violation)
 * @param startTime null when the caller did not give one (reported as a violation)
 * @param endTime null for a survey that stays open
 * @param quietPeriod null for the service default
 */
public record NewSurvey(String displayName, SurveyType type, String question, String followUpQuestion,
    Touchpoint touchpoint, List<Channel> channels, Instant startTime, Instant endTime, Duration quietPeriod) {

  public static final int MAX_DISPLAY_NAME_LENGTH = 200;
  public static final int MAX_QUESTION_LENGTH = 500;
  public static final Duration MAX_QUIET_PERIOD = Duration.ofDays(365);

  public NewSurvey {
    Violations violations = new Violations()
        .checkText("survey.display_name", displayName, MAX_DISPLAY_NAME_LENGTH, true)
        .checkText("survey.question", question, MAX_QUESTION_LENGTH, true)
        .checkText("survey.follow_up_question", followUpQuestion, MAX_QUESTION_LENGTH, false);
    if (type == null) {
      violations.add("survey.type", "is required: NPS, CSAT or CES");
    }
    if (touchpoint == null) {
      violations.add("survey.touchpoint", "is required");
    }
    if (new HashSet<>(channels).size() != channels.size()) {
      violations.add("survey.channels", "must not repeat a channel");
    }
    if (startTime == null) {
      violations.add("survey.start_time", "is required");
    } else if (endTime != null && !endTime.isAfter(startTime)) {
      violations.add("survey.end_time", "must be after start_time");
    }
    if (quietPeriod != null && (quietPeriod.isNegative() || quietPeriod.compareTo(MAX_QUIET_PERIOD) > 0)) {
      violations.add("survey.quiet_period", "must be between 0 and 365 days");
    }
    violations.throwIfAny();
    channels = List.copyOf(channels);
    if (quietPeriod != null && quietPeriod.isZero()) {
      quietPeriod = null;
    }
  }
}
