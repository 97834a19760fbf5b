package cx.feedback.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * One reference document per customer id listing the ids of their responses, complaints and
 * follow-up cases (the reference-list pattern), so that everything about a customer is found by
 * key: the index by {@code _id}, then the records by {@code _id $in}. Adding an entry that is
 * already listed changes nothing, so every write may be repeated.
 */
public interface CustomerRecordIndex {

  /** A response as the index lists it: enough for a customer's score trend without reading it. */
  record ResponseEntry(String customerId, String responseId, SurveyType surveyType, Integer score,
      Instant respondTime) {

    /** The response's resource name. */
    public String responseName() {
      return "customers/" + customerId + "/responses/" + responseId;
    }
  }

  /** What is listed for one customer id. */
  record CustomerRecords(String customerId, List<ResponseEntry> responses, List<String> complaintIds,
      List<String> followUpIds) {

    public CustomerRecords {
      responses = List.copyOf(responses);
      complaintIds = List.copyOf(complaintIds);
      followUpIds = List.copyOf(followUpIds);
    }
  }

  void addResponse(ResponseEntry entry);

  void addComplaint(String customerId, String complaintId);

  void addFollowUp(String customerId, String followUpId);

  /** A follow-up case as the index lists it. */
  record FollowUpEntry(String customerId, String followUpId) {
  }

  /** Adds many responses and follow-up cases, as the single adds would. */
  default void addAll(List<ResponseEntry> responses, List<FollowUpEntry> followUps) {
    responses.forEach(this::addResponse);
    followUps.forEach(f -> addFollowUp(f.customerId(), f.followUpId()));
  }

  /** The lists of these customer ids; ids without any record are left out. */
  List<CustomerRecords> find(Collection<String> customerIds);

  /** Removes the lists of a customer id. */
  void forget(String customerId);
}
