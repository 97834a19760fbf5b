package cx.feedback.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A survey definition: one scored question of a given type, asked after one touchpoint during
 * an active window.
 *
 * @param id the server-generated id; the resource name is {@code surveys/{id}}
 * @param channels the channels it is offered on; empty means every channel
 * @param endTime the exclusive end of the active window, or null when it stays open
 * @param quietPeriod how long after a response a customer may not be surveyed again, or null
 *     for the service default
 * @param version increases with every change
 */
public record Survey(String id, String displayName, SurveyType type, String question, String followUpQuestion,
    Touchpoint touchpoint, List<Channel> channels, Instant startTime, Instant endTime, Duration quietPeriod,
    long version, Instant createTime, Instant updateTime) {

  public Survey {
    channels = List.copyOf(channels);
  }

  /** Creates version 1 of a survey from what an administrator gave. */
  public static Survey create(String id, NewSurvey definition, Instant now) {
    return new Survey(id, definition.displayName(), definition.type(), definition.question(),
        definition.followUpQuestion(), definition.touchpoint(), definition.channels(), definition.startTime(),
        definition.endTime(), definition.quietPeriod(), 1, now, now);
  }

  /** The survey's resource name. */
  public String name() {
    return "surveys/" + id;
  }

  /** Whether a response given at {@code time} lies inside the active window. */
  public boolean isActiveAt(Instant time) {
    return !time.isBefore(startTime) && (endTime == null || time.isBefore(endTime));
  }

  /** Whether the survey is offered on a channel. */
  public boolean offers(Channel channel) {
    return channels.isEmpty() || channels.contains(channel);
  }

  /** Whether the survey asks an open question after the score. */
  public boolean hasFollowUpQuestion() {
    return !followUpQuestion.isEmpty();
  }

  public Optional<Instant> end() {
    return Optional.ofNullable(endTime);
  }
}
