package cx.gateway.backend;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.CompletableFuture;

/** Bridges gRPC's futures to the JDK's, passing cancellation back so the call is cancelled too. */
public final class GrpcFutures {

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
    Futures.addCallback(future, new FutureCallback<>() {
      @Override
      public void onSuccess(T result) {
        completable.complete(result);
      }

      @Override
      public void onFailure(Throwable failure) {
        completable.completeExceptionally(failure);
      }
    }, MoreExecutors.directExecutor());
    return completable;
  }
}
