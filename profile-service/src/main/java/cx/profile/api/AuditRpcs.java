package cx.profile.api;

import cx.profile.domain.Actor;
import cx.profile.domain.AuditAction;
import cx.profile.domain.AuditEntry;
import cx.profile.domain.AuditFilter;
import cx.profile.domain.AuditTrail;
import cx.profile.domain.Identity;
import cx.profile.domain.RecordPage;
import cx.profile.domain.RecordPosition;
import cx.profile.v1.ActorRole;
import cx.profile.v1.ListAuditEntriesRequest;
import cx.profile.v1.ListAuditEntriesResponse;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.paging.PageSize;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The audit RPC: pages through a customer's audit log, newest first. */
final class AuditRpcs {

  private final AuditTrail audit;
  private final NewestFirstTokens tokens;

  AuditRpcs(AuditTrail audit, NewestFirstTokens tokens) {
    this.audit = audit;
    this.tokens = tokens;
  }

  /** A page of the customer's audit log, including entries recorded under ids merged into it. */
  ListAuditEntriesResponse listAuditEntries(ListAuditEntriesRequest request) {
    String customerId = ResourceNames.customerId(request.getParent(), "parent");
    Set<AuditAction> actions = new TreeSet<>();
    for (int i = 0; i < request.getActionsCount(); i++) {
      actions.add(action(request.getActions(i), "actions[" + i + "]"));
    }
    AuditFilter filter = new AuditFilter(actions,
        ProtoValues.instant(request.hasStartTime(), request.getStartTime(), "start_time"),
        ProtoValues.instant(request.hasEndTime(), request.getEndTime(), "end_time"));
    int pageSize = PageSize.coerce(request.getPageSize());
    List<String> query = List.of(customerId, actions.toString(), filter.startTime().map(Instant::toString).orElse(""),
        filter.endTime().map(Instant::toString).orElse(""));
    Optional<RecordPosition> after = tokens.position(request.getPageToken(), "ListAuditEntries", query);
    RecordPage<AuditEntry> page = audit.list(customerId, filter, after, pageSize);
    ListAuditEntriesResponse.Builder response = ListAuditEntriesResponse.newBuilder();
    page.items().forEach(e -> response.addAuditEntries(toMessage(e)));
    if (!page.items().isEmpty()) {
      AuditEntry last = page.items().get(page.items().size() - 1);
      response.setNextPageToken(tokens.next(page.hasMore(), "ListAuditEntries", query, last.createTime(), last.id()));
    }
    return response.build();
  }

  private static AuditAction action(cx.profile.v1.AuditAction action, String field) {
    if (action == cx.profile.v1.AuditAction.AUDIT_ACTION_UNSPECIFIED) {
      throw InvalidArgumentException.of(field, "is not an action");
    }
    if (action == cx.profile.v1.AuditAction.UNRECOGNIZED) {
      throw InvalidArgumentException.of(field, "is not a known action");
    }
    return AuditAction.valueOf(action.name().substring("AUDIT_ACTION_".length()));
  }

  static cx.profile.v1.AuditEntry toMessage(AuditEntry entry) {
    Actor actor = entry.actor();
    cx.profile.v1.AuditEntry.Builder message = cx.profile.v1.AuditEntry.newBuilder()
        .setName("customers/" + entry.customerId() + "/auditEntries/" + entry.id())
        .setAction(cx.profile.v1.AuditAction.valueOf("AUDIT_ACTION_" + entry.action().name()))
        .setActor(cx.profile.v1.Actor.newBuilder()
            .setSubject(actor.subject())
            .setRole(ActorRole.valueOf("ACTOR_ROLE_" + actor.role().name())))
        .setReason(entry.reason())
        .setRule(entry.rule())
        .putAllDetails(entry.details().facts())
        .setCreateTime(ProtoValues.timestamp(entry.createTime()));
    entry.details().relatedCustomerIds().forEach(id -> message.addRelatedCustomers("customers/" + id));
    for (Identity identity : entry.details().identities()) {
      message.addIdentities(cx.profile.v1.Identity.newBuilder()
          .setType(cx.profile.v1.IdentityType.valueOf("IDENTITY_TYPE_" + identity.type().name()))
          .setValue(identity.value())
          .setNetwork(identity.network())
          .setSystem(identity.system())
          .setVerified(identity.verified()));
    }
    if (!entry.details().mergeId().isEmpty()) {
      message.setMerge("customers/" + entry.customerId() + "/merges/" + entry.details().mergeId());
    }
    if (!entry.details().mergeCandidateId().isEmpty()) {
      message.setMergeCandidate("mergeCandidates/" + entry.details().mergeCandidateId());
    }
    if (!entry.details().privacyRequestId().isEmpty()) {
      message.setPrivacyRequest("privacyRequests/" + entry.details().privacyRequestId());
    }
    return message.build();
  }
}
