package cx.profile.api;

import cx.profile.domain.CustomerMerger;
import cx.profile.domain.CustomerRegistry;
import cx.profile.domain.MergeCandidate;
import cx.profile.domain.MergeCandidateStore;
import cx.profile.domain.MergeJournal;
import cx.profile.domain.MergeRecord;
import cx.profile.v1.DismissMergeCandidateRequest;
import cx.profile.v1.DismissMergeCandidateResponse;
import cx.profile.v1.GetMergeCandidateRequest;
import cx.profile.v1.GetMergeCandidateResponse;
import cx.profile.v1.ListMergeCandidatesRequest;
import cx.profile.v1.ListMergeCandidatesResponse;
import cx.profile.v1.ListMergesRequest;
import cx.profile.v1.ListMergesResponse;
import cx.profile.v1.MergeCandidateState;
import cx.profile.v1.MergeCustomersRequest;
import cx.profile.v1.MergeCustomersResponse;
import cx.profile.v1.MergeState;
import cx.profile.v1.PreviewMergeRequest;
import cx.profile.v1.PreviewMergeResponse;
import cx.profile.v1.UnmergeCustomerRequest;
import cx.profile.v1.UnmergeCustomerResponse;
import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import cx.runtime.idempotency.IdempotencyKeys;
import cx.runtime.paging.PageSize;
import cx.runtime.paging.PageTokens;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The merge RPCs: agent merges, previews, unmerges, and the queue of merge candidates. */
final class MergeRpcs {

  private static final Pattern CANDIDATE_NAME = Pattern.compile("mergeCandidates/([a-f0-9]{20})");
  private static final int MAX_REASON_LENGTH = 500;

  private final CustomerRegistry customers;
  private final CustomerMerger merger;
  private final MergeJournal journal;
  private final MergeCandidateStore candidates;
  private final CustomerMessages customerMessages;
  private final MergeMessages messages;
  private final IdempotencyKeys idempotencyKeys;
  private final PageTokens pageTokens;
  private final Clock clock;

  MergeRpcs(CustomerRegistry customers, CustomerMerger merger, MergeJournal journal, MergeCandidateStore candidates,
      CustomerMessages customerMessages, MergeMessages messages, IdempotencyKeys idempotencyKeys,
      PageTokens pageTokens, Clock clock) {
    this.customers = customers;
    this.merger = merger;
    this.journal = journal;
    this.candidates = candidates;
    this.customerMessages = customerMessages;
    this.messages = messages;
    this.idempotencyKeys = idempotencyKeys;
    this.pageTokens = pageTokens;
    this.clock = clock;
  }

  MergeCustomersResponse merge(MergeCustomersRequest request) {
    String survivor = ResourceNames.customerId(request.getSurvivor(), "survivor");
    String merged = ResourceNames.customerId(request.getMergedCustomer(), "merged_customer");
    String reason = reason(request.getReason());
    if (survivor.equals(merged)) {
      throw InvalidArgumentException.of("merged_customer", "must be another customer than the survivor");
    }
    String candidateId = "";
    if (!request.getMergeCandidate().isEmpty()) {
      candidateId = candidateId(request.getMergeCandidate(), "merge_candidate");
      MergeCandidate candidate = candidates.find(candidateId).orElseThrow(() ->
          new FailedPreconditionException("MERGE_CANDIDATE_CLOSED", "The merge candidate does not exist."));
      if (!MergeCandidate.OPEN.equals(candidate.state()) || !candidate.customerIds().contains(survivor)
          || !candidate.customerIds().contains(merged)) {
        throw new FailedPreconditionException("MERGE_CANDIDATE_CLOSED",
            "The merge candidate is not open or does not name both customers.");
      }
    }
    String mergeId = request.getRequestId().isEmpty()
        ? UUID.randomUUID().toString().replace("-", "").substring(0, 20)
        : idempotencyKeys.reserve("MergeCustomers", "request_id", request.getRequestId(),
            IdempotencyKeys.fingerprint(request.toBuilder().clearRequestId().build().toByteArray()),
            () -> UUID.randomUUID().toString().replace("-", "").substring(0, 20)).resourceId();
    CustomerMerger.MergeOutcome outcome = merger.merge(mergeId, new CustomerMerger.MergeRequest(survivor, merged,
        "MANUAL", "", Callers.current().subject(), reason, candidateId, request.getExpectedSurvivorVersion(),
        request.getExpectedMergedCustomerVersion()), customers);
    if (!candidateId.isEmpty()) {
      closeCandidate(candidateId, MergeCandidate.MERGED, "customers/" + outcome.record().survivorId() + "/merges/"
          + outcome.record().id(), reason);
    }
    return MergeCustomersResponse.newBuilder()
        .setCustomer(customerMessages.toMessage(outcome.survivor()))
        .setMerge(messages.toMessage(outcome.record()))
        .build();
  }

  PreviewMergeResponse preview(PreviewMergeRequest request) {
    String survivor = ResourceNames.customerId(request.getSurvivor(), "survivor");
    String merged = ResourceNames.customerId(request.getMergedCustomer(), "merged_customer");
    CustomerMerger.Preview preview = merger.preview(survivor, merged, customers);
    PreviewMergeResponse.Builder response = PreviewMergeResponse.newBuilder()
        .setCustomer(customerMessages.toMessage(preview.survivor()))
        .setMerge(messages.toMessage(preview))
        .setMergedCustomerVersion(preview.merged().version());
    preview.blockers().forEach(b -> response.addBlockers(messages.blocker(b)));
    return response.build();
  }

  UnmergeCustomerResponse unmerge(UnmergeCustomerRequest request) {
    String survivor = ResourceNames.customerId(request.getCustomer(), "customer");
    String merged = ResourceNames.customerId(request.getMergedCustomer(), "merged_customer");
    String reason = reason(request.getReason());
    if (!request.getRequestId().isEmpty()) {
      idempotencyKeys.reserve("UnmergeCustomer", "request_id", request.getRequestId(),
          IdempotencyKeys.fingerprint(request.toBuilder().clearRequestId().build().toByteArray()), () -> merged);
      // A retry after success finds the merge already undone: answer with that.
      var done = journal.listFor(merged, "", 50).stream()
          .filter(r -> r.mergedId().equals(merged) && MergeRecord.UNMERGED.equals(r.state()))
          .findFirst();
      if (done.isPresent() && customers.get(merged).customer().id().equals(merged)) {
        return unmergeResponse(done.get());
      }
    }
    MergeRecord record = merger.unmerge(survivor, merged, Callers.current().subject(), reason,
        request.getExpectedVersion(), customers);
    return unmergeResponse(record);
  }

  private UnmergeCustomerResponse unmergeResponse(MergeRecord record) {
    return UnmergeCustomerResponse.newBuilder()
        .setCustomer(customerMessages.toMessage(customers.get(record.survivorId()).customer()))
        .setRestoredCustomer(customerMessages.toMessage(customers.get(record.mergedId()).customer()))
        .setMerge(messages.toMessage(record))
        .build();
  }

  ListMergesResponse listMerges(ListMergesRequest request) {
    String customer = ResourceNames.customerId(request.getParent(), "parent");
    customers.get(customer);
    int pageSize = PageSize.coerce(request.getPageSize());
    List<String> states = request.getStatesList().stream().map(s -> {
      if (s == MergeState.MERGE_STATE_UNSPECIFIED || s == MergeState.UNRECOGNIZED) {
        throw InvalidArgumentException.of("states", "holds an unknown merge state");
      }
      return s.name().substring("MERGE_STATE_".length());
    }).sorted().toList();
    String fingerprint = PageTokens.fingerprint("ListMerges", List.of(customer, String.join(",", states)));
    List<String> position = pageTokens.decode(request.getPageToken(), fingerprint);
    String after = position.isEmpty() ? "" : position.get(0);
    ListMergesResponse.Builder response = ListMergesResponse.newBuilder();
    List<MergeRecord> page = journal.listFor(customer, after, PageSize.MAXIMUM).stream()
        .filter(r -> states.isEmpty() || states.contains(r.state()))
        .limit(pageSize + 1L)
        .toList();
    page.stream().limit(pageSize).forEach(r -> response.addMerges(messages.toMessage(r)));
    if (page.size() > pageSize) {
      response.setNextPageToken(pageTokens.encode(fingerprint, List.of(page.get(pageSize - 1).id())));
    }
    return response.build();
  }

  ListMergeCandidatesResponse listCandidates(ListMergeCandidatesRequest request) {
    int pageSize = PageSize.coerce(request.getPageSize());
    String customer = request.getCustomer().isEmpty() ? "" : ResourceNames.customerId(request.getCustomer(), "customer");
    List<String> states = request.getStatesList().stream().map(s -> {
      if (s == MergeCandidateState.MERGE_CANDIDATE_STATE_UNSPECIFIED || s == MergeCandidateState.UNRECOGNIZED) {
        throw InvalidArgumentException.of("states", "holds an unknown candidate state");
      }
      return s.name().substring("MERGE_CANDIDATE_STATE_".length());
    }).sorted().toList();
    String fingerprint = PageTokens.fingerprint("ListMergeCandidates", List.of(customer, String.join(",", states)));
    List<String> position = pageTokens.decode(request.getPageToken(), fingerprint);
    List<MergeCandidate> page = candidates.list("", position.isEmpty() ? "" : position.get(0), PageSize.MAXIMUM).stream()
        .filter(c -> states.isEmpty() || states.contains(c.state()))
        .filter(c -> customer.isEmpty() || c.customerIds().contains(customer))
        .limit(pageSize + 1L)
        .toList();
    ListMergeCandidatesResponse.Builder response = ListMergeCandidatesResponse.newBuilder();
    page.stream().limit(pageSize).forEach(c -> response.addMergeCandidates(messages.toMessage(c)));
    if (page.size() > pageSize) {
      response.setNextPageToken(pageTokens.encode(fingerprint, List.of(page.get(pageSize - 1).id())));
    }
    return response.build();
  }

  GetMergeCandidateResponse getCandidate(GetMergeCandidateRequest request) {
    String id = candidateId(request.getName(), "name");
    MergeCandidate candidate = candidates.find(id).orElseThrow(() -> new NotFoundException(request.getName()));
    return GetMergeCandidateResponse.newBuilder().setMergeCandidate(messages.toMessage(candidate)).build();
  }

  DismissMergeCandidateResponse dismissCandidate(DismissMergeCandidateRequest request) {
    String id = candidateId(request.getName(), "name");
    String reason = reason(request.getReason());
    MergeCandidate current = candidates.find(id).orElseThrow(() -> new NotFoundException(request.getName()));
    if (request.getExpectedVersion() != 0 && request.getExpectedVersion() != current.version()) {
      throw new ConcurrentUpdateException(request.getName(), current.version());
    }
    if (MergeCandidate.DISMISSED.equals(current.state())) {
      return DismissMergeCandidateResponse.newBuilder().setMergeCandidate(messages.toMessage(current)).build();
    }
    MergeCandidate dismissed = closeCandidate(id, MergeCandidate.DISMISSED, "", reason);
    return DismissMergeCandidateResponse.newBuilder().setMergeCandidate(messages.toMessage(dismissed)).build();
  }

  private MergeCandidate closeCandidate(String id, String state, String mergeName, String reason) {
    for (int attempt = 0; attempt < 5; attempt++) {
      MergeCandidate current = candidates.find(id).orElseThrow(() -> new NotFoundException("mergeCandidates/" + id));
      if (!MergeCandidate.OPEN.equals(current.state())) {
        if (current.state().equals(state)) {
          return current;
        }
        throw new FailedPreconditionException("MERGE_CANDIDATE_CLOSED",
            "The merge candidate is " + current.state() + ".", Map.of("state", current.state()));
      }
      MergeCandidate closed = new MergeCandidate(current.id(), current.customerIds(), current.linkingKeys(),
          current.channel(), current.rule(), current.sightingCount(), current.lastSightingTime(), state, mergeName,
          Callers.current().subject(), reason, current.createTime(), clock.instant(), current.version() + 1);
      if (candidates.replace(closed, current.version())) {
        return closed;
      }
    }
    throw new ConcurrentUpdateException("mergeCandidates/" + id);
  }

  private static String candidateId(String name, String field) {
    var matcher = CANDIDATE_NAME.matcher(name);
    if (!matcher.matches()) {
      throw InvalidArgumentException.of(field, "must be a merge candidate name like mergeCandidates/{merge_candidate}");
    }
    return matcher.group(1);
  }

  private static String reason(String reason) {
    String trimmed = reason.strip();
    if (trimmed.isEmpty()) {
      throw InvalidArgumentException.of("reason", "is required: say why, for the audit trail");
    }
    if (trimmed.length() > MAX_REASON_LENGTH) {
      throw InvalidArgumentException.of("reason", "is longer than " + MAX_REASON_LENGTH + " characters");
    }
    return trimmed;
  }
}
