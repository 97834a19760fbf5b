package cx.feedback.domain;

/** What kind of change a complaint update records. */
public enum ComplaintUpdateKind {
  FILED, ACKNOWLEDGED, WORK_STARTED, RESOLVED, REOPENED, CLOSED, NOTE, TRIAGED, RATED, LINKED
}
