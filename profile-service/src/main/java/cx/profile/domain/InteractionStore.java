package cx.profile.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where recorded touchpoints are kept, keyed by their id. */
public interface InteractionStore {

  /**
   * Stores an interaction unless one with its id exists.
   *
   * @return empty if this one was stored, otherwise the one stored before
   */
  Optional<Interaction> insertIfAbsent(Interaction interaction);

  /** The interaction with this id, if any. */
  Optional<Interaction> find(String id);

  /** The interactions with these ids that exist, in any order. */
  List<Interaction> findAll(Collection<String> ids);

  /** Deletes every interaction recorded for these customers; returns how many there were. */
  long deleteAllOf(Collection<String> customerIds);

  /** Every interaction recorded for these customers; for exports, not for hot paths. */
  List<Interaction> findAllOf(Collection<String> customerIds);
}
