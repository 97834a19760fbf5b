package cx.profile.domain;

/** The kind of caller that did something to a profile. */
public enum ActorRole {
  /** A customer acting on their own profile. */
  CUSTOMER,
  /** A customer-service agent. */
  AGENT,
  /** An administrator. */
  ADMIN,
  /** Another service of the platform, calling on its own behalf. */
  SERVICE,
  /** This service itself, for example an automatic merge or a repair at start-up. */
  SYSTEM
}
