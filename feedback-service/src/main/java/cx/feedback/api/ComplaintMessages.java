package cx.feedback.api;

import static cx.feedback.api.ValueMessages.fromProto;
import static cx.feedback.api.ValueMessages.timestamp;
import static cx.feedback.api.ValueMessages.toProto;

import cx.feedback.domain.Complaint;
import cx.feedback.domain.ComplaintCategory;
import cx.feedback.domain.ComplaintSeverity;
import cx.feedback.domain.ComplaintUpdate;
import cx.feedback.domain.NewComplaint;
import cx.feedback.v1.ComplaintState;
import cx.feedback.v1.ComplaintUpdateKind;
import cx.feedback.v1.ResolutionRating;
import cx.runtime.failure.InvalidArgumentException;
import java.util.List;

/**
 * Copies complaints between the API's messages and the domain, field by field: only channel,
 * category, severity, description, related records and the follow-up case are read from a
 * request; state, history, handling times, version and times are always the server's.
 */
final class ComplaintMessages {

  private ComplaintMessages() {
  }

  static NewComplaint toNewComplaint(String customerId, cx.feedback.v1.Complaint complaint) {
    String followUpId = "";
    if (!complaint.getFollowUp().isEmpty()) {
      ResourceNames.CustomerChild followUp = ResourceNames.customerChild(complaint.getFollowUp(), "followUps",
          "complaint.follow_up");
      if (!followUp.customerId().equals(customerId)) {
        throw InvalidArgumentException.of("complaint.follow_up",
            "must be a follow-up case of the same customer");
      }
      followUpId = followUp.id();
    }
    return new NewComplaint(customerId,
        ValueMessages.channel(complaint.getChannel(), "complaint.channel"),
        fromProto(complaint.getCategory(), "COMPLAINT_CATEGORY_", ComplaintCategory.class, "complaint.category"),
        fromProto(complaint.getSeverity(), "COMPLAINT_SEVERITY_", ComplaintSeverity.class, "complaint.severity"),
        complaint.getDescription(),
        ValueMessages.linkedRecords(complaint.getRelatedRecordsList(), "complaint.related_records"),
        followUpId);
  }

  static cx.feedback.v1.Complaint toMessage(Complaint complaint) {
    cx.feedback.v1.Complaint.Builder message = cx.feedback.v1.Complaint.newBuilder()
        .setName(complaint.name())
        .setChannel(ValueMessages.channel(complaint.channel()))
        .setCategory(toProto(complaint.category(), "COMPLAINT_CATEGORY_", cx.feedback.v1.ComplaintCategory.class))
        .setSeverity(toProto(complaint.severity(), "COMPLAINT_SEVERITY_", cx.feedback.v1.ComplaintSeverity.class))
        .setDescription(complaint.description())
        .setState(toProto(complaint.state(), "COMPLAINT_STATE_", ComplaintState.class))
        .setFiledBy(ValueMessages.actor(complaint.filedBy()))
        .setResolveByTime(timestamp(complaint.resolveByTime()))
        .setReopenCount(complaint.reopenCount())
        .setVersion(complaint.version())
        .setCreateTime(timestamp(complaint.createTime()))
        .setUpdateTime(timestamp(complaint.updateTime()));
    complaint.relatedRecords().forEach(r -> message.addRelatedRecords(ValueMessages.linkedRecord(r)));
    for (ComplaintUpdate update : complaint.updates()) {
      message.addUpdates(cx.feedback.v1.ComplaintUpdate.newBuilder()
          .setUpdateId(update.updateId())
          .setKind(toProto(update.kind(), "COMPLAINT_UPDATE_KIND_", ComplaintUpdateKind.class))
          .setPreviousState(toProto(update.previousState(), "COMPLAINT_STATE_", ComplaintState.class))
          .setNewState(toProto(update.newState(), "COMPLAINT_STATE_", ComplaintState.class))
          .setActor(ValueMessages.actor(update.actor()))
          .setNote(update.note())
          .setCreateTime(timestamp(update.createTime())));
    }
    if (complaint.firstResponseTime() != null) {
      message.setFirstResponseTime(timestamp(complaint.firstResponseTime()));
    }
    complaint.firstResponseDuration().ifPresent(d -> message.setFirstResponseDuration(ValueMessages.duration(d)));
    if (complaint.firstResolveTime() != null) {
      message.setFirstResolveTime(timestamp(complaint.firstResolveTime()));
    }
    complaint.resolutionDuration().ifPresent(d -> message.setResolutionDuration(ValueMessages.duration(d)));
    if (complaint.lastResolveTime() != null) {
      message.setLastResolveTime(timestamp(complaint.lastResolveTime()));
    }
    complaint.fullResolutionDuration().ifPresent(d -> message.setFullResolutionDuration(ValueMessages.duration(d)));
    if (complaint.closeTime() != null) {
      message.setCloseTime(timestamp(complaint.closeTime()));
    }
    if (complaint.resolutionRating() != null) {
      message.setResolutionRating(ResolutionRating.newBuilder()
          .setScore(complaint.resolutionRating().score())
          .setComment(complaint.resolutionRating().comment())
          .setRateTime(timestamp(complaint.resolutionRating().rateTime())));
    }
    if (!complaint.followUpId().isEmpty()) {
      message.setFollowUp("customers/" + complaint.customerId() + "/followUps/" + complaint.followUpId());
    }
    return message.build();
  }

  /** What an update asks to change: null for a field the mask does not name. */
  record Triage(ComplaintCategory category, ComplaintSeverity severity) {
  }

  /**
   * The category and severity an UpdateComplaint asks for, read from the fields its mask names
   * and from nothing else.
   */
  static Triage toTriage(cx.feedback.v1.Complaint complaint, boolean hasMask, List<String> paths) {
    if (!hasMask || paths.isEmpty()) {
      throw InvalidArgumentException.of("update_mask", "is required and names category, severity or both");
    }
    ComplaintCategory category = null;
    ComplaintSeverity severity = null;
    for (String path : paths) {
      switch (path) {
        case "category" -> category = required(fromProto(complaint.getCategory(), "COMPLAINT_CATEGORY_",
            ComplaintCategory.class, "complaint.category"), "complaint.category");
        case "severity" -> severity = required(fromProto(complaint.getSeverity(), "COMPLAINT_SEVERITY_",
            ComplaintSeverity.class, "complaint.severity"), "complaint.severity");
        default -> throw InvalidArgumentException.of("update_mask",
            "may name only category and severity, not " + (path.length() > 64 ? path.substring(0, 64) : path));
      }
    }
    return new Triage(category, severity);
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw InvalidArgumentException.of(field, "is required when the update mask names it");
    }
    return value;
  }
}
