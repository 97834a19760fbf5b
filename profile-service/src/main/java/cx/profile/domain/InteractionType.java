package cx.profile.domain;

import java.util.Locale;

/** What kind of touchpoint an interaction was. */
public enum InteractionType {
  WEB_VISIT, APP_SESSION, STORE_VISIT, CALL, CHAT, EMAIL, SOCIAL_MENTION, NOTE;

  /** The kind of the interaction's timeline event, e.g. {@code interaction.store_visit}. */
  public String eventKind() {
    return InteractionLog.EVENT_KIND + "." + name().toLowerCase(Locale.ROOT);
  }
}
