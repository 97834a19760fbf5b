package cx.feedback.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where the facts behind the complaint statistics are kept, by the UTC day each complaint was
 * filed (or follow-up case opened), so that statistics read a few documents by key. Recording a version older than the one kept changes nothing, so
 * records may be repeated and arrive out of order.
 */
public interface ComplaintStatsStore {

  /** Keeps the facts of a complaint, unless newer ones are kept already. */
  void record(ComplaintFacts facts);

  /** Keeps the facts of a follow-up case, unless newer ones are kept already. */
  void record(FollowUpFacts facts);

  /** Keeps the facts of many follow-up cases, as {@link #record(FollowUpFacts)} would. */
  default void recordAll(List<FollowUpFacts> facts) {
    facts.forEach(this::record);
  }

  /** The facts of the complaints filed on these days. */
  List<ComplaintFacts> complaintsFiledOn(Collection<LocalDate> days);

  /** The facts of the follow-up cases opened on these days. */
  List<FollowUpFacts> followUpsOpenedOn(Collection<LocalDate> days);

  /** The first day anything was recorded on, if anything was. */
  Optional<LocalDate> firstDay();
}
