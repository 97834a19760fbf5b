package cx.profile.domain;

import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a caller says about a touchpoint it records. {@link #check} reports every problem at
 * once, naming the request fields.
 *
 * @param externalId the recording system's own id, which makes recording idempotent
 * @param channel the channel's enum name without prefix, e.g. {@code CALL_CENTER}; empty if not given
 * @param type the kind of touchpoint, or null if not given
 * @param occurTime when it happened, or null if not given
 * @param duration how long it lasted, if given
 * @param agent the user id of the agent who handled it, or empty
 * @param metadata small facts about it
 * @param relatedResources resource names of any service the interaction is about
 */
public record NewInteraction(String externalId, String channel, InteractionType type, InteractionDirection direction,
    String summary, Instant occurTime, Optional<Duration> duration, String agent, Map<String, String> metadata,
    List<String> relatedResources) {

  public static final int MAX_EXTERNAL_ID = 256;
  public static final int MAX_SUMMARY = 500;
  public static final int MAX_AGENT = 128;
  public static final int MAX_METADATA = 50;
  public static final int MAX_METADATA_VALUE = 1024;
  public static final int MAX_RELATED = 20;
  public static final Duration MAX_DURATION = Duration.ofHours(24);
  public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  private static final Pattern METADATA_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9_.~-]+(/[A-Za-z0-9_.~-]+)+");

  public NewInteraction {
    externalId = externalId == null ? "" : externalId;
    channel = channel == null ? "" : channel;
    direction = direction == null ? InteractionDirection.UNKNOWN : direction;
    summary = summary == null ? "" : summary;
    occurTime = occurTime == null ? null : occurTime.truncatedTo(ChronoUnit.MILLIS);
    duration = Objects.requireNonNull(duration, "duration");
    agent = agent == null ? "" : agent;
    metadata = Map.copyOf(metadata);
    relatedResources = List.copyOf(relatedResources);
  }

  /**
   * Checks every field against the contract's limits.
   *
   * @throws InvalidArgumentException naming each offending field under {@code interaction.}
   */
  public void check(Instant now) {
    List<FieldViolation> violations = new ArrayList<>();
    if (externalId.isBlank()) {
      violations.add(new FieldViolation("interaction.external_id", "is required"));
    } else if (externalId.length() > MAX_EXTERNAL_ID || !printable(externalId)) {
      violations.add(new FieldViolation("interaction.external_id",
          "must be 1 to " + MAX_EXTERNAL_ID + " printable characters"));
    }
    if (channel.isEmpty()) {
      violations.add(new FieldViolation("interaction.channel", "is required"));
    }
    if (type == null) {
      violations.add(new FieldViolation("interaction.type", "is required"));
    }
    if (summary.length() > MAX_SUMMARY || summary.chars().anyMatch(Character::isISOControl)) {
      violations.add(new FieldViolation("interaction.summary",
          "must be one line of at most " + MAX_SUMMARY + " characters"));
    }
    if (occurTime == null) {
      violations.add(new FieldViolation("interaction.occur_time", "is required"));
    } else if (occurTime.isAfter(now.plus(MAX_FUTURE_SKEW))) {
      violations.add(new FieldViolation("interaction.occur_time", "lies more than five minutes in the future"));
    }
    if (duration.isPresent() && (duration.get().isNegative() || duration.get().compareTo(MAX_DURATION) > 0)) {
      violations.add(new FieldViolation("interaction.duration", "must be between 0 and 24 hours"));
    }
    if (agent.length() > MAX_AGENT || !printable(agent)) {
      violations.add(new FieldViolation("interaction.agent", "must be at most " + MAX_AGENT + " printable characters"));
    }
    if (metadata.size() > MAX_METADATA) {
      violations.add(new FieldViolation("interaction.metadata", "holds more than " + MAX_METADATA + " entries"));
    } else if (metadata.entrySet().stream().anyMatch(e -> !METADATA_KEY.matcher(e.getKey()).matches()
        || e.getValue().length() > MAX_METADATA_VALUE)) {
      violations.add(new FieldViolation("interaction.metadata", "keys must be 1 to 64 lower-case letters, digits and"
          + " '_' starting with a letter, values at most " + MAX_METADATA_VALUE + " characters"));
    }
    if (relatedResources.size() > MAX_RELATED) {
      violations.add(new FieldViolation("interaction.related_resources", "holds more than " + MAX_RELATED + " names"));
    }
    for (int i = 0; i < relatedResources.size() && i < MAX_RELATED; i++) {
      String name = relatedResources.get(i);
      if (name.length() > MAX_EXTERNAL_ID || !RESOURCE_NAME.matcher(name).matches()) {
        violations.add(new FieldViolation("interaction.related_resources[" + i + "]",
            "is not a resource name such as customers/c-1/orders/o-3"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
  }

  /**
   * A fingerprint of everything the caller said, so that recording one external id again can
   * tell a retry (same content) from a reuse (different content).
   */
  public String fingerprint() {
    StringBuilder canonical = new StringBuilder();
    for (Object part : List.of(externalId, channel, String.valueOf(type), direction, summary,
        String.valueOf(occurTime), duration.map(Duration::toString).orElse(""), agent,
        new TreeMap<>(metadata).toString(), relatedResources.toString())) {
      String text = part.toString();
      canonical.append(text.length()).append(':').append(text);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static boolean printable(String value) {
    return value.chars().noneMatch(Character::isISOControl);
  }
}
