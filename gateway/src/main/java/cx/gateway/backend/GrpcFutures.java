package cx.gateway.backend;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.concurrent.CompletableFuture;

/**
 * Bridges gRPC's futures to the JDK's, passing cancellation back so the call is cancelled too.
 * The outcome is delivered in the context (the request's trace) the call was made in, so that
 * calls made when it arrives, on a gRPC thread, belong to the same trace.
 */
public final class GrpcFutures {

  private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

  private GrpcFutures() {
  }

  /** The same outcome as a {@link CompletableFuture}. */
  public static <T> CompletableFuture<T> toCompletable(ListenableFuture<T> future) {
    CompletableFuture<T> completable = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        future.cancel(true);
        return super.cancel(mayInterruptIfRunning);
      }
    };
    ContextSnapshot caller = SNAPSHOTS.captureAll();
    Futures.addCallback(future, new FutureCallback<>() {
      @Override
      public void onSuccess(T result) {
        try (ContextSnapshot.Scope scope = caller.setThreadLocals()) {
          completable.complete(result);
        }
      }

      @Override
      public void onFailure(Throwable failure) {
        try (ContextSnapshot.Scope scope = caller.setThreadLocals()) {
          completable.completeExceptionally(failure);
        }
      }
    }, MoreExecutors.directExecutor());
    return completable;
  }
}
