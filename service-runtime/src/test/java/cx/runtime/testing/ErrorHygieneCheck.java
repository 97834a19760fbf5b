package cx.runtime.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which a service answered with an error that gives away its insides or
 * carries no reason (see {@link ErrorHygiene}). Registered for every test of a service through
 * JUnit's extension auto-detection ({@code junit-platform.properties}).
 */
public final class ErrorHygieneCheck implements BeforeAllCallback, AfterEachCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    ErrorHygiene.WATCH.markChecked();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> problems = ErrorHygiene.WATCH.takeProblems();
    if (!problems.isEmpty()) {
      throw new AssertionError("Errors that must not reach a client:\n  " + String.join("\n  ", problems));
    }
  }
}
