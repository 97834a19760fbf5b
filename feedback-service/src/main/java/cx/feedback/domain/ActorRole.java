package cx.feedback.domain;

/** The role in which someone acted on a complaint or a follow-up case. */
public enum ActorRole {
  CUSTOMER, AGENT, ADMIN, SYSTEM
}
