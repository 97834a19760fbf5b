package cx.profile.api;

import static cx.profile.api.CustomerMessages.timestamp;

import cx.profile.domain.CustomerMerger;
import cx.profile.domain.MergeCandidate;
import cx.profile.domain.MergePlan;
import cx.profile.domain.MergeRecord;
import cx.profile.v1.Actor;
import cx.profile.v1.ActorRole;
import cx.profile.v1.AttributeResolution;
import cx.profile.v1.AttributeWinner;
import cx.profile.v1.Merge;
import cx.profile.v1.MergeBlocker;
import cx.profile.v1.MergeCandidateState;
import cx.profile.v1.MergeState;
import cx.profile.v1.MergeTrigger;

/** Maps merge records, previews and merge candidates to their messages. */
final class MergeMessages {

  private final CustomerMessages customers;

  MergeMessages(CustomerMessages customers) {
    this.customers = customers;
  }

  Merge toMessage(MergeRecord record) {
    Merge.Builder merge = Merge.newBuilder()
        .setName("customers/" + record.survivorId() + "/merges/" + record.id())
        .setSurvivor("customers/" + record.survivorId())
        .setMergedCustomer("customers/" + record.mergedId())
        .setTrigger(MergeTrigger.valueOf("MERGE_TRIGGER_" + record.trigger()))
        .setRule(record.rule())
        .setActor(actor(record.actor(), record.trigger()))
        .setReason(record.reason())
        .setState(MergeState.valueOf("MERGE_STATE_" + record.state()))
        .setCreateTime(timestamp(record.createTime()));
    record.movedIds().forEach(id -> merge.addMovedCustomerIds(id));
    record.mergedBefore().identities().stream()
        .filter(i -> record.survivorBefore().identity(i.key()).isEmpty())
        .forEach(i -> merge.addMovedIdentities(customers.toMessage(i)));
    record.resolutions().forEach(r -> merge.addAttributeResolutions(toMessage(r)));
    if (!record.candidateId().isEmpty()) {
      merge.setMergeCandidate("mergeCandidates/" + record.candidateId());
    }
    if (record.completeTime() != null) {
      merge.setCompleteTime(timestamp(record.completeTime()));
    }
    if (record.unmergeTime() != null) {
      merge.setUnmergedBy(actor(record.unmergedBy(), "MANUAL"))
          .setUnmergeReason(record.unmergeReason())
          .setUnmergeTime(timestamp(record.unmergeTime()));
    }
    return merge.build();
  }

  /** The record a merge would write, for PreviewMerge. */
  Merge toMessage(CustomerMerger.Preview preview) {
    Merge.Builder merge = Merge.newBuilder()
        .setSurvivor("customers/" + preview.survivor().id())
        .setMergedCustomer("customers/" + preview.merged().id())
        .setTrigger(MergeTrigger.MERGE_TRIGGER_MANUAL);
    preview.plan().movedIds().forEach(merge::addMovedCustomerIds);
    preview.plan().movedIdentities().forEach(i -> merge.addMovedIdentities(customers.toMessage(i)));
    preview.plan().resolutions().forEach(r -> merge.addAttributeResolutions(toMessage(r)));
    return merge.build();
  }

  MergeBlocker blocker(String reason) {
    String description = switch (reason) {
      case "ALREADY_MERGED" -> "The customers are already one profile.";
      case "CUSTOMER_ERASED" -> "The customer to merge was erased.";
      case "IDENTITY_CAP_EXCEEDED" -> "The survivor would hold more identities of one type than allowed.";
      default -> reason;
    };
    return MergeBlocker.newBuilder().setReason(reason).setDescription(description).build();
  }

  cx.profile.v1.MergeCandidate toMessage(MergeCandidate candidate) {
    cx.profile.v1.MergeCandidate.Builder message = cx.profile.v1.MergeCandidate.newBuilder()
        .setName("mergeCandidates/" + candidate.id())
        .setRule(candidate.rule())
        .setSightingCount(candidate.sightingCount())
        .setLastSightingTime(timestamp(candidate.lastSightingTime()))
        .setState(MergeCandidateState.valueOf("MERGE_CANDIDATE_STATE_" + candidate.state()))
        .setResolveReason(candidate.resolveReason())
        .setCreateTime(timestamp(candidate.createTime()))
        .setUpdateTime(timestamp(candidate.updateTime()))
        .setVersion(candidate.version());
    candidate.customerIds().forEach(id -> message.addCustomers("customers/" + id));
    if (!candidate.channel().isEmpty()) {
      message.setChannel(cx.common.v1.Channel.valueOf("CHANNEL_" + candidate.channel()));
    }
    if (!candidate.mergeId().isEmpty()) {
      message.setMerge(candidate.mergeId());
    }
    if (!candidate.resolvedBy().isEmpty()) {
      message.setResolvedBy(actor(candidate.resolvedBy(), "MANUAL"));
    }
    return message.build();
  }

  private static AttributeResolution toMessage(MergePlan.AttributeResolution r) {
    return AttributeResolution.newBuilder()
        .setPath(r.path())
        .setWinner(r.mergedWins() ? AttributeWinner.ATTRIBUTE_WINNER_MERGED : AttributeWinner.ATTRIBUTE_WINNER_SURVIVOR)
        .setSurvivorValue(r.survivorValue())
        .setMergedValue(r.mergedValue())
        .setSurvivorUpdateTime(timestamp(r.survivorTime()))
        .setMergedUpdateTime(timestamp(r.mergedTime()))
        .build();
  }

  private static Actor actor(String subject, String trigger) {
    return Actor.newBuilder()
        .setSubject(subject)
        .setRole("AUTOMATIC".equals(trigger) ? ActorRole.ACTOR_ROLE_SYSTEM : ActorRole.ACTOR_ROLE_AGENT)
        .build();
  }
}
