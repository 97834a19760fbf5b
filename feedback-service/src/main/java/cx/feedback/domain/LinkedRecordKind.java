package cx.feedback.domain;

/** The kind of record, in this service or another one, that a response or complaint is about. */
public enum LinkedRecordKind {
  ORDER, RETURN, SUPPORT_CASE, DELIVERY, SURVEY_RESPONSE, COMPLAINT, INTERACTION
}
