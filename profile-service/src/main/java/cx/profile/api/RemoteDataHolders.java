package cx.profile.api;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Timestamp;
import com.google.rpc.ErrorInfo;
import cx.common.v1.DataDispositionEntry;
import cx.feedback.v1.FeedbackServiceGrpc;
import cx.profile.domain.PersonalDataHolder;
import cx.profile.domain.PlatformService;
import cx.returns.v1.ReturnsServiceGrpc;
import io.grpc.Deadline;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * feedback-service's and returns-service's parts of a privacy request, over gRPC, each call with
 * its own deadline. A failed call is reported by its ErrorInfo reason (or status code name), never
 * its text; it is retried unless the service refused the request itself.
 */
final class RemoteDataHolders {

  /** Codes that say the request is wrong, so the same call will never succeed. */
  private static final Set<Status.Code> FINAL = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
      Status.Code.ALREADY_EXISTS, Status.Code.FAILED_PRECONDITION, Status.Code.OUT_OF_RANGE);

  /** Records per export page: a few hundred kilobytes, well inside one gRPC message. */
  static final int EXPORT_PAGE_SIZE = 100;

  private RemoteDataHolders() {
  }

  static PersonalDataHolder feedback(ManagedChannel channel, ClientInterceptor credentials, Duration deadline) {
    return new Remote(PlatformService.FEEDBACK, channel) {
      @Override
      public Erased erase(List<String> customerIds, String privacyRequest) {
        var receipt = call(() -> FeedbackServiceGrpc.newBlockingStub(channel).withInterceptors(credentials).withDeadline(deadline(deadline))
            .eraseCustomer(cx.feedback.v1.EraseCustomerRequest.newBuilder().addAllCustomerIds(customerIds)
                .setPrivacyRequest(privacyRequest).build()));
        return erased(receipt.getDispositionsList(), receipt.getCompleteTime());
      }

      @Override
      public ExportPage export(List<String> customerIds, String privacyRequest, String pageToken) {
        var page = call(() -> FeedbackServiceGrpc.newBlockingStub(channel).withInterceptors(credentials).withDeadline(deadline(deadline))
            .exportCustomerData(cx.feedback.v1.ExportCustomerDataRequest.newBuilder().addAllCustomerIds(customerIds)
                .setPrivacyRequest(privacyRequest).setPageSize(EXPORT_PAGE_SIZE).setPageToken(pageToken).build()));
        return page(page.toBuilder().clearNextPageToken().clearDispositions().build(), page.getDispositionsList(),
            page.getNextPageToken());
      }
    };
  }

  static PersonalDataHolder returns(ManagedChannel channel, ClientInterceptor credentials, Duration deadline) {
    return new Remote(PlatformService.RETURNS, channel) {
      @Override
      public Erased erase(List<String> customerIds, String privacyRequest) {
        var receipt = call(() -> ReturnsServiceGrpc.newBlockingStub(channel).withInterceptors(credentials).withDeadline(deadline(deadline))
            .eraseCustomer(cx.returns.v1.EraseCustomerRequest.newBuilder().addAllCustomerIds(customerIds)
                .setPrivacyRequest(privacyRequest).build()));
        return erased(receipt.getDispositionsList(), receipt.getCompleteTime());
      }

      @Override
      public ExportPage export(List<String> customerIds, String privacyRequest, String pageToken) {
        var page = call(() -> ReturnsServiceGrpc.newBlockingStub(channel).withInterceptors(credentials).withDeadline(deadline(deadline))
            .exportCustomerData(cx.returns.v1.ExportCustomerDataRequest.newBuilder().addAllCustomerIds(customerIds)
                .setPrivacyRequest(privacyRequest).setPageSize(EXPORT_PAGE_SIZE).setPageToken(pageToken).build()));
        return page(page.toBuilder().clearNextPageToken().clearDispositions().build(), page.getDispositionsList(),
            page.getNextPageToken());
      }
    };
  }

  private static Deadline deadline(Duration after) {
    return Deadline.after(after.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static PersonalDataHolder.Erased erased(List<DataDispositionEntry> receipt, Timestamp completeTime) {
    return new PersonalDataHolder.Erased(DispositionMessages.fromMessages(receipt),
        ProtoValues.instant(true, completeTime, "complete_time").orElseThrow());
  }

  /** A page as stored: the records without the paging and the receipt lines, which the receipt keeps. */
  private static PersonalDataHolder.ExportPage page(MessageLite records, List<DataDispositionEntry> lines,
      String nextPageToken) {
    return new PersonalDataHolder.ExportPage(records.toByteArray(), DispositionMessages.fromMessages(lines),
        nextPageToken);
  }

  /** What the two remote holders share: their service, their channel and how a failed call is reported. */
  private abstract static class Remote implements PersonalDataHolder {

    private final PlatformService service;
    private final ManagedChannel channel;

    Remote(PlatformService service, ManagedChannel channel) {
      this.service = service;
      this.channel = channel;
    }

    @Override
    public PlatformService service() {
      return service;
    }

    <T> T call(Supplier<T> call) {
      try {
        return call.get();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
          // Try the connection again at the next attempt, not after the channel's own back-off,
          // which can grow to minutes while a service is down.
          channel.resetConnectBackoff();
        }
        throw new Unavailable(reason(e), !FINAL.contains(e.getStatus().getCode()));
      }
    }

    private static String reason(StatusRuntimeException e) {
      com.google.rpc.Status status = StatusProto.fromThrowable(e);
      if (status != null) {
        for (var detail : status.getDetailsList()) {
          if (detail.is(ErrorInfo.class)) {
            try {
              String reason = detail.unpack(ErrorInfo.class).getReason();
              if (!reason.isEmpty()) {
                return reason;
              }
            } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
              // Fall back to the status code below.
            }
          }
        }
      }
      return e.getStatus().getCode().name();
    }
  }
}
