package cx.runtime.observability;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per gRPC call: the full method name, the status code, the duration and the
 * caller's request id, which is also in the logging context ({@value #REQUEST_ID_KEY}) while the
 * call runs, so every line a call logs carries it. Nothing from the request or the status
 * description is logged: either may hold personal data. Health checks are not logged.
 *
 * <p>It runs inside the tracing interceptor, so the call's trace id is in the logging context
 * too. A call that fails by throwing is logged where it throws, still inside the trace, with the
 * code the service's failure handler will answer (that handler closes the call outside every
 * interceptor).
 */
public final class CallLogInterceptor implements ServerInterceptor {

  /** The logging-context key of the request id. */
  public static final String REQUEST_ID_KEY = "requestId";

  private static final Metadata.Key<String> REQUEST_ID =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
  private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final String HEALTH_SERVICE = "grpc.health.v1.Health";
  private static final Logger log = LoggerFactory.getLogger("cx.runtime.calls");

  private final Function<Throwable, Status.Code> codeOfFailure;

  /** @param codeOfFailure the code a call that throws is answered with */
  public CallLogInterceptor(Function<Throwable, Status.Code> codeOfFailure) {
    this.codeOfFailure = codeOfFailure;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    if (HEALTH_SERVICE.equals(call.getMethodDescriptor().getServiceName())) {
      return next.startCall(call, headers);
    }
    String given = headers.get(REQUEST_ID);
    Call logged = new Call(call.getMethodDescriptor().getFullMethodName(),
        given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString());
    ServerCall<Q, R> closing = new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        logged.run(() -> logged.ended(status.getCode()));
        super.close(status, trailers);
      }
    };
    ServerCall.Listener<Q> listener = logged.call(() -> next.startCall(closing, headers));
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        logged.run(() -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        logged.run(super::onHalfClose);
      }

      @Override
      public void onCancel() {
        logged.run(super::onCancel);
      }

      @Override
      public void onComplete() {
        logged.run(super::onComplete);
      }

      @Override
      public void onReady() {
        logged.run(super::onReady);
      }
    };
  }

  /** One call: its request id in the logging context while it runs, and its line, written once. */
  private final class Call {
    private final String method;
    private final String requestId;
    private final long start = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();

    Call(String method, String requestId) {
      this.method = method;
      this.requestId = requestId;
    }

    void ended(Status.Code code) {
      if (ended.compareAndSet(false, true)) {
        log.info("{} {} {} ms request_id={}", method, code, (System.nanoTime() - start) / 1_000_000, requestId);
      }
    }

    void run(Runnable work) {
      call(() -> {
        work.run();
        return null;
      });
    }

    <T> T call(Supplier<T> work) {
      String outer = MDC.get(REQUEST_ID_KEY);
      MDC.put(REQUEST_ID_KEY, requestId);
      try {
        return work.get();
      } catch (RuntimeException | Error failure) {
        ended(codeOfFailure.apply(failure));
        throw failure;
      } finally {
        if (outer == null) {
          MDC.remove(REQUEST_ID_KEY);
        } else {
          MDC.put(REQUEST_ID_KEY, outer);
        }
      }
    }
  }
}
