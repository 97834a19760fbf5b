package cx.profile.api;

import cx.profile.domain.ConsentBook;
import cx.profile.domain.ConsentChange;
import cx.profile.domain.ConsentChannel;
import cx.profile.domain.ConsentCheck;
import cx.profile.domain.ConsentDecision;
import cx.profile.domain.ConsentHistoryFilter;
import cx.profile.domain.ConsentPurpose;
import cx.profile.domain.CustomerRegistry;
import cx.profile.domain.RecordIds;
import cx.profile.domain.RecordPage;
import cx.profile.domain.RecordPosition;
import cx.profile.v1.ChangeConsentsRequest;
import cx.profile.v1.ChangeConsentsResponse;
import cx.profile.v1.CheckConsentRequest;
import cx.profile.v1.CheckConsentResponse;
import cx.profile.v1.GetConsentsRequest;
import cx.profile.v1.GetConsentsResponse;
import cx.profile.v1.ListConsentChangesRequest;
import cx.profile.v1.ListConsentChangesResponse;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.paging.PageSize;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The consent RPCs: reading a customer's current decisions, recording decisions, checking
 * whether a contact is allowed, and paging through the history.
 */
final class ConsentRpcs {

  private final ConsentBook consents;
  private final CustomerRegistry customers;
  private final CustomerMessages customerMessages;
  private final IdempotencyKeys idempotencyKeys;
  private final NewestFirstTokens tokens;
  private final Clock clock;

  ConsentRpcs(ConsentBook consents, CustomerRegistry customers, CustomerMessages customerMessages,
      IdempotencyKeys idempotencyKeys, NewestFirstTokens tokens, Clock clock) {
    this.consents = consents;
    this.customers = customers;
    this.customerMessages = customerMessages;
    this.idempotencyKeys = idempotencyKeys;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** The customer's current decisions, with the consent version to pass to a change. */
  GetConsentsResponse getConsents(GetConsentsRequest request) {
    ConsentBook.CurrentConsents current = consents.current(ResourceNames.customerId(request.getCustomer(), "customer"));
    GetConsentsResponse.Builder response = GetConsentsResponse.newBuilder()
        .setCustomer(current.customer().name())
        .setVersion(current.consents().version());
    current.consents().decisions().forEach(d -> response.addConsents(ConsentMessages.toMessage(d)));
    return response.build();
  }

  /**
   * Records decisions. With a {@code request_id}, a retry returns the first outcome and adds
   * nothing to the history.
   */
  ChangeConsentsResponse changeConsents(ChangeConsentsRequest request) {
    String customerId = ResourceNames.customerId(request.getCustomer(), "customer");
    Instant now = clock.instant();
    List<ConsentDecision> decisions = new ArrayList<>();
    for (int i = 0; i < request.getConsentsCount(); i++) {
      decisions.add(ConsentMessages.toDecision(request.getConsents(i), now, "consents[" + i + "]"));
    }
    ConsentBook.validate(decisions, now);
    if (request.getExpectedVersion() < 0) {
      throw InvalidArgumentException.of("expected_version", "must not be negative");
    }
    String operationId = request.getRequestId().isEmpty()
        ? RecordIds.random()
        : idempotencyKeys.reserve("ChangeConsents", "request_id", request.getRequestId(),
            IdempotencyKeys.fingerprint(request.toBuilder().clearRequestId().build().toByteArray()),
            RecordIds::random).resourceId();
    ConsentBook.ConsentChangeOutcome outcome = consents.change(operationId, customerId, decisions,
        request.getExpectedVersion(), Callers.current());
    cx.profile.v1.Customer.Builder customer = customerMessages.toMessage(
        customers.get(outcome.customer().id()).customer()).toBuilder().clearConsents();
    outcome.consents().decisions().forEach(d -> customer.addConsents(ConsentMessages.toMessage(d)));
    ChangeConsentsResponse.Builder response = ChangeConsentsResponse.newBuilder().setCustomer(customer);
    outcome.changes().forEach(c -> response.addChanges(ConsentMessages.toMessage(c)));
    return response.build();
  }

  /** Whether the customer may be contacted for a purpose on a channel, and why. */
  CheckConsentResponse checkConsent(CheckConsentRequest request) {
    String customerId = ResourceNames.customerId(request.getCustomer(), "customer");
    ConsentPurpose purpose = ConsentMessages.purpose(request.getPurpose(), "purpose");
    ConsentChannel channel = ConsentMessages.channel(request.getChannel(), "channel");
    ConsentCheck check = consents.check(customerId, purpose, channel);
    CheckConsentResponse.Builder response = CheckConsentResponse.newBuilder()
        .setAllowed(check.allowed())
        .setBasis(ConsentMessages.toMessage(check.basis()))
        .setCustomer(check.customer().name());
    check.decision().ifPresent(d -> response.setDecision(ConsentMessages.toMessage(d)));
    return response.build();
  }

  /** A page of the customer's consent history, newest decision first. */
  ListConsentChangesResponse listConsentChanges(ListConsentChangesRequest request) {
    String customerId = ResourceNames.customerId(request.getParent(), "parent");
    Set<ConsentPurpose> purposes = new TreeSet<>();
    for (int i = 0; i < request.getPurposesCount(); i++) {
      purposes.add(ConsentMessages.purpose(request.getPurposes(i), "purposes[" + i + "]"));
    }
    Set<ConsentChannel> channels = new TreeSet<>();
    for (int i = 0; i < request.getChannelsCount(); i++) {
      channels.add(ConsentMessages.channel(request.getChannels(i), "channels[" + i + "]"));
    }
    ConsentHistoryFilter filter = new ConsentHistoryFilter(purposes, channels,
        ProtoValues.instant(request.hasStartTime(), request.getStartTime(), "start_time"),
        ProtoValues.instant(request.hasEndTime(), request.getEndTime(), "end_time"));
    int pageSize = PageSize.coerce(request.getPageSize());
    List<String> query = List.of(customerId, purposes.toString(), channels.toString(),
        filter.startTime().map(Instant::toString).orElse(""), filter.endTime().map(Instant::toString).orElse(""));
    Optional<RecordPosition> after = tokens.position(request.getPageToken(), "ListConsentChanges", query);
    RecordPage<ConsentChange> page = consents.history(customerId, filter, after, pageSize);
    ListConsentChangesResponse.Builder response = ListConsentChangesResponse.newBuilder();
    page.items().forEach(c -> response.addConsentChanges(ConsentMessages.toMessage(c)));
    if (!page.items().isEmpty()) {
      ConsentChange last = page.items().get(page.items().size() - 1);
      response.setNextPageToken(tokens.next(page.hasMore(), "ListConsentChanges", query, last.decideTime(), last.id()));
    }
    return response.build();
  }
}
