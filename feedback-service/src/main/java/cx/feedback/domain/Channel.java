package cx.feedback.domain;

/** The channel a survey is offered on, a response came in on, or a complaint was made on. */
public enum Channel {
  WEB, MOBILE_APP, STORE, CALL_CENTER, CHAT, EMAIL, SMS, SOCIAL, MARKETPLACE
}
