package cx.feedback.domain;

/**
 * The outcome of a submission.
 *
 * @param alreadySubmitted true when the same answer was recorded earlier and nothing changed
 */
public record SubmittedResponse(SurveyResponse response, boolean alreadySubmitted) {
}
