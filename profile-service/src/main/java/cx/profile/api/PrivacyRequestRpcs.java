package cx.profile.api;

import cx.common.v1.CallerRole;
import cx.profile.domain.PrivacyRequest;
import cx.profile.domain.PrivacyRequestFilter;
import cx.profile.domain.PrivacyRequestState;
import cx.profile.domain.PrivacyRequestType;
import cx.profile.domain.PrivacyRequests;
import cx.profile.domain.RecordIds;
import cx.profile.domain.RecordPage;
import cx.profile.domain.RecordPosition;
import cx.profile.v1.DownloadCustomerExportRequest;
import cx.profile.v1.DownloadCustomerExportResponse;
import cx.profile.v1.GetPrivacyRequestRequest;
import cx.profile.v1.GetPrivacyRequestResponse;
import cx.profile.v1.ListPrivacyRequestsRequest;
import cx.profile.v1.ListPrivacyRequestsResponse;
import cx.profile.v1.StartCustomerErasureRequest;
import cx.profile.v1.StartCustomerErasureResponse;
import cx.profile.v1.StartCustomerExportRequest;
import cx.profile.v1.StartCustomerExportResponse;
import cx.runtime.auth.Caller;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.paging.PageSize;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data-subject request RPCs: starting an export or an erasure, reading and listing requests
 * with their receipts, and downloading a finished export. The fan-out itself runs in the
 * background ({@link PrivacyWorker}).
 */
final class PrivacyRequestRpcs {

  private final PrivacyRequests requests;
  private final IdempotencyKeys idempotencyKeys;
  private final NewestFirstTokens tokens;

  PrivacyRequestRpcs(PrivacyRequests requests, IdempotencyKeys idempotencyKeys, NewestFirstTokens tokens) {
    this.requests = requests;
    this.idempotencyKeys = idempotencyKeys;
    this.tokens = tokens;
  }

  StartCustomerExportResponse startExport(StartCustomerExportRequest request) {
    PrivacyRequest started = start(PrivacyRequestType.EXPORT, "StartCustomerExport", request.getCustomer(),
        request.getReason(), request.getRequestId(), request.toBuilder().clearRequestId().build().toByteArray());
    return StartCustomerExportResponse.newBuilder()
        .setPrivacyRequest(PrivacyRequestMessages.toMessage(started)).build();
  }

  StartCustomerErasureResponse startErasure(StartCustomerErasureRequest request) {
    PrivacyRequest started = start(PrivacyRequestType.ERASURE, "StartCustomerErasure", request.getCustomer(),
        request.getReason(), request.getRequestId(), request.toBuilder().clearRequestId().build().toByteArray());
    return StartCustomerErasureResponse.newBuilder()
        .setPrivacyRequest(PrivacyRequestMessages.toMessage(started)).build();
  }

  /**
   * Starts a request of either kind. With a request id, the new request's id is reserved under it
   * first, so that a retry continues the same start; a reused request id with another payload is
   * refused.
   */
  private PrivacyRequest start(PrivacyRequestType type, String scope, String customer, String givenReason,
      String requestId, byte[] payloadWithoutKey) {
    String customerId = ResourceNames.customerId(customer, "customer");
    String reason = givenReason.strip();
    if (reason.length() > PrivacyRequests.MAX_REASON_LENGTH) {
      throw InvalidArgumentException.of("reason", "is longer than " + PrivacyRequests.MAX_REASON_LENGTH + " characters");
    }
    String id = requestId.isEmpty() ? RecordIds.random() : idempotencyKeys.reserve(scope, "request_id", requestId,
        IdempotencyKeys.fingerprint(payloadWithoutKey), RecordIds::random).resourceId();
    return requests.start(id, type, customerId, Callers.current(), reason);
  }

  GetPrivacyRequestResponse get(GetPrivacyRequestRequest request) {
    PrivacyRequest found = visible(requests.get(PrivacyRequestMessages.id(request.getName(), "name")));
    return GetPrivacyRequestResponse.newBuilder().setPrivacyRequest(PrivacyRequestMessages.toMessage(found)).build();
  }

  ListPrivacyRequestsResponse list(ListPrivacyRequestsRequest request) {
    Caller caller = cx.runtime.auth.Callers.current();
    // A customer who names nobody lists their own requests; naming another customer is refused
    // before this point, as for every customer-scoped call.
    Optional<String> customerId = !request.getCustomer().isEmpty()
        ? Optional.of(ResourceNames.customerId(request.getCustomer(), "customer"))
        : caller.role() == CallerRole.CALLER_ROLE_CUSTOMER ? Optional.of(caller.subject()) : Optional.empty();
    Optional<PrivacyRequestType> type = switch (request.getType()) {
      case PRIVACY_REQUEST_TYPE_UNSPECIFIED -> Optional.empty();
      case UNRECOGNIZED -> throw InvalidArgumentException.of("type", "is not a known request type");
      default -> Optional.of(PrivacyRequestType.valueOf(request.getType().name().substring("PRIVACY_REQUEST_TYPE_".length())));
    };
    Set<PrivacyRequestState> states = EnumSet.noneOf(PrivacyRequestState.class);
    for (int i = 0; i < request.getStatesCount(); i++) {
      cx.profile.v1.PrivacyRequestState state = request.getStates(i);
      if (state == cx.profile.v1.PrivacyRequestState.PRIVACY_REQUEST_STATE_UNSPECIFIED
          || state == cx.profile.v1.PrivacyRequestState.UNRECOGNIZED) {
        throw InvalidArgumentException.of("states[" + i + "]", "is not a known request state");
      }
      states.add(PrivacyRequestState.valueOf(state.name().substring("PRIVACY_REQUEST_STATE_".length())));
    }
    int pageSize = PageSize.coerce(request.getPageSize());
    List<String> query = List.of(customerId.orElse(""), type.map(Enum::name).orElse(""), states.toString());
    Optional<RecordPosition> after = tokens.position(request.getPageToken(), "ListPrivacyRequests", query);
    RecordPage<PrivacyRequest> page = requests.list(customerId, new PrivacyRequestFilter(type, states), after, pageSize);
    ListPrivacyRequestsResponse.Builder response = ListPrivacyRequestsResponse.newBuilder();
    page.items().forEach(r -> response.addPrivacyRequests(PrivacyRequestMessages.toMessage(r)));
    if (!page.items().isEmpty()) {
      PrivacyRequest last = page.items().get(page.items().size() - 1);
      response.setNextPageToken(tokens.next(page.hasMore(), "ListPrivacyRequests", query, last.createTime(), last.id()));
    }
    return response.build();
  }

  DownloadCustomerExportResponse download(DownloadCustomerExportRequest request) {
    String id = PrivacyRequestMessages.id(request.getName(), "name");
    visible(requests.get(id));
    PrivacyRequests.ExportDocument document = requests.exportDocument(id);
    return DownloadCustomerExportResponse.newBuilder().setDocument(ExportDocumentJson.of(document)).build();
  }

  /**
   * The request, if the caller may see it: a customer only their own (asked for any other, the
   * answer is the one a request that does not exist gets).
   */
  private static PrivacyRequest visible(PrivacyRequest found) {
    Caller caller = cx.runtime.auth.Callers.current();
    if (caller.role() == CallerRole.CALLER_ROLE_CUSTOMER && !found.customerIds().contains(caller.subject())
        && !found.customerId().equals(caller.subject())) {
      throw new NotFoundException("privacyRequests/" + found.id());
    }
    return found;
  }
}
