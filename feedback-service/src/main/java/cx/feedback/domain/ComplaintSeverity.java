package cx.feedback.domain;

/** How serious a complaint is; each severity has its own resolution target. */
public enum ComplaintSeverity {
  LOW, MEDIUM, HIGH, CRITICAL
}
