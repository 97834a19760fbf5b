package cx.profile.api;

import cx.profile.domain.Attributes;
import cx.profile.domain.ConsentBook;
import cx.profile.domain.Customer;
import cx.profile.domain.CustomerState;
import cx.profile.domain.CustomerRegistry;
import cx.profile.domain.Identity;
import cx.profile.domain.IdentityNormaliser;
import cx.profile.domain.IdentityResolver;
import cx.profile.v1.AddIdentityRequest;
import cx.profile.v1.AddIdentityResponse;
import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.CreateCustomerResponse;
import cx.profile.v1.CustomerAttributes;
import cx.profile.v1.GetCustomerRequest;
import cx.profile.v1.GetCustomerResponse;
import cx.profile.v1.IdentifyOutcome;
import cx.profile.v1.IdentifyRequest;
import cx.profile.v1.IdentifyResponse;
import cx.profile.v1.LookupCustomerRequest;
import cx.profile.v1.LookupCustomerResponse;
import cx.profile.v1.RejectedIdentifier;
import cx.profile.v1.RemoveIdentityRequest;
import cx.profile.v1.RemoveIdentityResponse;
import cx.profile.v1.SearchCustomersRequest;
import cx.profile.v1.SearchCustomersResponse;
import cx.profile.v1.UpdateCustomerRequest;
import cx.profile.v1.UpdateCustomerResponse;
import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.paging.PageSize;
import cx.runtime.paging.PageTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The customer and identity RPCs: maps their messages to the registry and the identity
 * resolver, and results back.
 */
final class CustomerRpcs {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private final CustomerRegistry customers;
  private final IdentityResolver resolver;
  private final CustomerMessages messages;
  private final IdentityNormaliser normaliser;
  private final IdempotencyKeys idempotencyKeys;
  private final PageTokens pageTokens;
  private final MergeMessages mergeMessages;
  private final ConsentBook consents;
  private final Clock clock;

  CustomerRpcs(CustomerRegistry customers, IdentityResolver resolver, CustomerMessages messages,
      IdentityNormaliser normaliser, IdempotencyKeys idempotencyKeys, PageTokens pageTokens,
      MergeMessages mergeMessages, ConsentBook consents, Clock clock) {
    this.consents = consents;
    this.customers = customers;
    this.resolver = resolver;
    this.messages = messages;
    this.normaliser = normaliser;
    this.idempotencyKeys = idempotencyKeys;
    this.pageTokens = pageTokens;
    this.mergeMessages = mergeMessages;
    this.clock = clock;
  }

  CreateCustomerResponse create(CreateCustomerRequest request) {
    var newCustomer = messages.toNewCustomer(request.getCustomer(), clock.instant());
    String id = request.getRequestId().isEmpty()
        ? newId()
        : idempotencyKeys.reserve("CreateCustomer", "request_id", request.getRequestId(),
            IdempotencyKeys.fingerprint(request.toBuilder().clearRequestId().build().toByteArray()),
            CustomerRpcs::newId).resourceId();
    return CreateCustomerResponse.newBuilder().setCustomer(messages.toMessage(customers.create(id, newCustomer))).build();
  }

  GetCustomerResponse get(GetCustomerRequest request) {
    CustomerRegistry.Resolved resolved = customers.get(ResourceNames.customerId(request.getName(), "name"));
    cx.profile.v1.Customer.Builder customer = messages.toMessage(resolved.customer()).toBuilder();
    if (resolved.customer().state() == CustomerState.ACTIVE) {
      consents.current(resolved.customer().id()).consents().decisions()
          .forEach(d -> customer.addConsents(ConsentMessages.toMessage(d)));
    }
    GetCustomerResponse.Builder response = GetCustomerResponse.newBuilder().setCustomer(customer);
    if (resolved.viaAlias()) {
      response.setRequestedAlias("customers/" + resolved.requestedId());
    }
    return response.build();
  }

  UpdateCustomerResponse update(UpdateCustomerRequest request) {
    String id = ResourceNames.customerId(request.getCustomer().getName(), "customer.name");
    cx.profile.v1.Customer given = request.getCustomer();
    CustomerAttributes a = given.getAttributes();
    Customer updated = customers.update(id, new CustomerRegistry.Changes(given.getDisplayName().strip(),
            given.getGivenName().strip(), given.getFamilyName().strip(),
            new Attributes(a.getLocale(), a.getTimeZone(), a.getLoyaltyTier(), a.getTraitsMap())),
        request.getUpdateMask().getPathsList(), request.getExpectedVersion());
    return UpdateCustomerResponse.newBuilder().setCustomer(messages.toMessage(updated)).build();
  }

  SearchCustomersResponse search(SearchCustomersRequest request) {
    int criteria = (request.getNamePrefix().isBlank() ? 0 : 1) + (request.getEmail().isBlank() ? 0 : 1)
        + (request.getPhone().isBlank() ? 0 : 1);
    if (criteria != 1) {
      throw new InvalidArgumentException(List.of(new FieldViolation("name_prefix",
          "give exactly one of name_prefix, email or phone")));
    }
    int pageSize = PageSize.coerce(request.getPageSize());
    SearchCustomersResponse.Builder response = SearchCustomersResponse.newBuilder();
    if (!request.getNamePrefix().isBlank()) {
      String fingerprint = PageTokens.fingerprint("SearchCustomers", List.of(request.getNamePrefix().strip().toLowerCase(Locale.ROOT)));
      List<String> position = pageTokens.decode(request.getPageToken(), fingerprint);
      if (!position.isEmpty() && position.size() != 2) {
        throw InvalidArgumentException.of("page_token", "is not a token this service issued");
      }
      List<Customer> found = customers.searchByName(request.getNamePrefix(),
          position.isEmpty() ? "" : position.get(0), position.isEmpty() ? "" : position.get(1), pageSize + 1);
      boolean more = found.size() > pageSize;
      List<Customer> page = more ? found.subList(0, pageSize) : found;
      page.forEach(c -> response.addCustomers(messages.toMessage(c)));
      if (more) {
        Customer last = page.get(page.size() - 1);
        response.setNextPageToken(pageTokens.encode(fingerprint,
            List.of(last.displayName().toLowerCase(Locale.ROOT), last.id())));
      }
      return response.build();
    }
    cx.profile.v1.IdentityType type = request.getEmail().isBlank()
        ? cx.profile.v1.IdentityType.IDENTITY_TYPE_PHONE : cx.profile.v1.IdentityType.IDENTITY_TYPE_EMAIL;
    String field = request.getEmail().isBlank() ? "phone" : "email";
    String value = request.getEmail().isBlank() ? request.getPhone() : request.getEmail();
    if (!request.getPageToken().isEmpty()) {
      // An exact search has one page: no token continues it.
      throw InvalidArgumentException.of("page_token", "is not a token this service issued");
    }
    Identity identity;
    try {
      identity = messages.toIdentity(cx.profile.v1.Identity.newBuilder().setType(type).setValue(value).build(),
          clock.instant(), field);
    } catch (InvalidArgumentException e) {
      throw InvalidArgumentException.of(field, e.violations().get(0).description());
    }
    customers.holder(identity.key()).ifPresent(c -> response.addCustomers(messages.toMessage(c)));
    return response.build();
  }

  LookupCustomerResponse lookup(LookupCustomerRequest request) {
    Identity identity = messages.toIdentity(cx.profile.v1.Identity.newBuilder()
        .setType(request.getType()).setValue(request.getValue()).setNetwork(request.getNetwork())
        .setSystem(request.getSystem()).build(), clock.instant(), "identifier");
    Customer customer = customers.lookup(identity);
    Identity held = customer.identity(identity.key()).orElse(identity);
    return LookupCustomerResponse.newBuilder().setCustomer(messages.toMessage(customer))
        .setIdentity(messages.toMessage(held)).build();
  }

  IdentifyResponse identify(IdentifyRequest request) {
    if (request.getIdentitiesCount() == 0) {
      throw InvalidArgumentException.of("identities", "needs at least one identifier");
    }
    if (request.getIdentitiesCount() > 20) {
      throw InvalidArgumentException.of("identities", "holds more than 20 identifiers");
    }
    var now = clock.instant();
    List<Identity> identities = new ArrayList<>();
    for (int i = 0; i < request.getIdentitiesCount(); i++) {
      identities.add(messages.toIdentity(request.getIdentities(i), now, "identities[" + i + "]"));
    }
    String channel = messages.channelName(request.getChannel(), "channel");
    if (channel.isEmpty()) {
      throw InvalidArgumentException.of("channel", "is required");
    }
    CustomerAttributes a = request.getAttributes();
    Attributes attributes = new Attributes(a.getLocale(), a.getTimeZone(), a.getLoyaltyTier(), a.getTraitsMap());
    String newCustomerId = request.getRequestId().isEmpty()
        ? newId()
        : idempotencyKeys.reserve("Identify", "request_id", request.getRequestId(),
            IdempotencyKeys.fingerprint(request.toBuilder().clearRequestId().build().toByteArray()),
            CustomerRpcs::newId).resourceId();
    IdentityResolver.Resolution resolution = resolver.identify(new IdentityResolver.Sighting(identities, channel,
        request.getDisplayName().strip(), attributes, Callers.current().subject()), newCustomerId);
    IdentifyResponse.Builder response = IdentifyResponse.newBuilder()
        .setCustomer(messages.toMessage(resolution.customer()))
        .setOutcome(IdentifyOutcome.valueOf("IDENTIFY_OUTCOME_" + resolution.outcome()));
    resolution.attached().forEach(i -> response.addAttachedIdentities(messages.toMessage(i)));
    resolution.rejected().forEach(r -> response.addRejectedIdentifiers(RejectedIdentifier.newBuilder()
        .setIdentity(messages.toMessage(r.identity())).setReason(r.reason())));
    resolution.merges().forEach(m -> response.addMerges(mergeMessages.toMessage(m)));
    if (!resolution.candidateId().isEmpty()) {
      response.setMergeCandidate("mergeCandidates/" + resolution.candidateId());
    }
    return response.build();
  }

  AddIdentityResponse addIdentity(AddIdentityRequest request) {
    String id = ResourceNames.customerId(request.getCustomer(), "customer");
    Identity identity = messages.toIdentity(request.getIdentity(), clock.instant(), "identity");
    Customer updated = customers.addIdentity(id, identity, request.getExpectedVersion());
    return AddIdentityResponse.newBuilder().setCustomer(messages.toMessage(updated))
        .setIdentity(messages.toMessage(updated.identity(identity.key()).orElse(identity))).build();
  }

  RemoveIdentityResponse removeIdentity(RemoveIdentityRequest request) {
    String id = ResourceNames.customerId(request.getCustomer(), "customer");
    Identity identity = messages.toIdentity(cx.profile.v1.Identity.newBuilder().setType(request.getType())
        .setValue(request.getValue()).setNetwork(request.getNetwork()).setSystem(request.getSystem()).build(),
        clock.instant(), "identity");
    Customer updated = customers.removeIdentity(id, identity.key(), request.getExpectedVersion());
    return RemoveIdentityResponse.newBuilder().setCustomer(messages.toMessage(updated)).build();
  }

  /** A new random customer id: 16 characters, about 80 bits, no look-alike characters. */
  static String newId() {
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
    }
    return new String(id);
  }
}
