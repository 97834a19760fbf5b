package cx.runtime.testing;

import com.google.rpc.ErrorInfo;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Looks at every error a service answers its tests with, and keeps what is wrong with it: a
 * status message holding a stack trace, a Java class name or a store's error text, or a status
 * without {@code google.rpc.ErrorInfo} and a reason.
 *
 * <p>The services' test stubs carry {@link #WATCH}, so every call of every API test passes it;
 * {@link ErrorHygieneCheck} fails the test during which a bad error was seen.
 */
public final class ErrorHygiene implements ClientInterceptor {

  /** The one watcher every test stub carries. */
  public static final ErrorHygiene WATCH = new ErrorHygiene();

  private static final Pattern STACK_TRACE = Pattern.compile("\\tat |\\bat [a-z]+\\.[\\w.$]+\\(|Caused by:|\\.java:\\d+");
  private static final Pattern CLASS_NAME = Pattern.compile(
      "\\b(?:java|javax|jakarta|jdk|sun|org|com|io|de|cx)\\.[a-z][a-z0-9_]*\\.[\\w.$]*|\\w*(?:Exception|Throwable)\\b"
          + "|\\w+Error\\b");
  private static final Pattern STORE_TEXT = Pattern.compile(
      "(?i)E11000|duplicate key|\\bbson\\b|mongo|writeerror|errmsg|jdbc|\\bh2\\b|sqlstate|"
          + "command failed|namespace|collection");

  private final List<String> problems = new ArrayList<>();
  private final AtomicLong errorsSeen = new AtomicLong();
  private volatile boolean checked;

  private ErrorHygiene() {
  }

  /** What is wrong with an error a client received, empty when nothing is. */
  public static List<String> problemsOf(Status status, Metadata trailers) {
    List<String> found = new ArrayList<>();
    String description = status.getDescription() == null ? "" : status.getDescription();
    if (STACK_TRACE.matcher(description).find()) {
      found.add("a stack trace in the status message");
    }
    var className = CLASS_NAME.matcher(description);
    if (className.find()) {
      found.add("a Java class name in the status message: " + className.group());
    }
    var storeText = STORE_TEXT.matcher(description);
    if (storeText.find()) {
      found.add("store error text in the status message: " + storeText.group());
    }
    com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
    boolean hasReason = details != null && details.getDetailsList().stream()
        .filter(d -> d.is(ErrorInfo.class))
        .anyMatch(d -> {
          try {
            return !d.unpack(ErrorInfo.class).getReason().isEmpty();
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return false;
          }
        });
    if (!hasReason) {
      found.add("no ErrorInfo with a reason");
    }
    return found;
  }

  /** How many errors this watcher has looked at since the JVM started. */
  public long errorsSeen() {
    return errorsSeen.get();
  }

  /** Whether {@link ErrorHygieneCheck} runs in this JVM, so that a test can tell the check is on. */
  public boolean checked() {
    return checked;
  }

  void markChecked() {
    checked = true;
  }

  /** The problems seen since the last call, which forgets them. */
  public synchronized List<String> takeProblems() {
    List<String> taken = List.copyOf(problems);
    problems.clear();
    return taken;
  }

  private synchronized void keep(String method, Status status, List<String> found) {
    for (String problem : found) {
      problems.add(method + " answered " + status.getCode() + " with " + problem);
    }
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            // A call the client itself cancelled or timed out never reached the service's answer.
            if (!status.isOk() && status.getCode() != Status.Code.CANCELLED
                && status.getCode() != Status.Code.DEADLINE_EXCEEDED) {
              errorsSeen.incrementAndGet();
              keep(method.getFullMethodName(), status, problemsOf(status, trailers));
            }
            super.onClose(status, trailers);
          }
        }, headers);
      }
    };
  }
}
