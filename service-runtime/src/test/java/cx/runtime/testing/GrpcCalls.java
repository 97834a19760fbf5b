package cx.runtime.testing;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What every service's API tests need to look at a failed call and to make calls race. Shipped
 * to the services as this module's test jar.
 */
public final class GrpcCalls {

  private GrpcCalls() {
  }

  /** The failure of a call that must fail; the test fails if it succeeds. */
  public static StatusRuntimeException failure(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  /** The {@code ErrorInfo} a failure carries; the test fails if it has none. */
  public static ErrorInfo errorInfo(StatusRuntimeException e) throws Exception {
    return StatusProto.fromThrowable(e).getDetailsList().stream()
        .filter(d -> d.is(ErrorInfo.class)).findFirst().orElseThrow().unpack(ErrorInfo.class);
  }

  /** The fields named by a failure's {@code BadRequest} violations, in order. */
  public static List<String> violatedFields(StatusRuntimeException e) throws Exception {
    return StatusProto.fromThrowable(e).getDetailsList().stream()
        .filter(d -> d.is(BadRequest.class)).findFirst().orElseThrow().unpack(BadRequest.class)
        .getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList();
  }

  /** Runs {@code calls} calls at once on eight threads and returns their outcomes in order. */
  public static <T> List<T> concurrently(int calls, Function<Integer, T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<T>> tasks = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        int index = i;
        tasks.add(() -> call.apply(index));
      }
      List<T> outcomes = new ArrayList<>();
      for (Future<T> future : pool.invokeAll(tasks)) {
        outcomes.add(future.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /** "OK" for a call that succeeded, otherwise its status code's name. */
  public static String outcomeOf(Runnable call) {
    try {
      call.run();
      return "OK";
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode().name();
    }
  }
}
