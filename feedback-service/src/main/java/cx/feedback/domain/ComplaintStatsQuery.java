package cx.feedback.domain;

import java.time.LocalDate;
import java.util.Set;

/**
 * Which complaints and follow-up cases the statistics cover. Every set narrows; an empty set
 * does not. Categories and severities do not narrow follow-up cases, which have neither.
 *
 * @param startDate the first UTC filing day, inclusive; null for the beginning
 * @param endDate the last UTC filing day, inclusive; null for today
 */
public record ComplaintStatsQuery(LocalDate startDate, LocalDate endDate, Set<Channel> channels,
    Set<ComplaintCategory> categories, Set<ComplaintSeverity> severities) {

  public ComplaintStatsQuery {
    channels = Set.copyOf(channels);
    categories = Set.copyOf(categories);
    severities = Set.copyOf(severities);
  }

  boolean covers(ComplaintFacts facts) {
    return (channels.isEmpty() || channels.contains(facts.channel()))
        && (categories.isEmpty() || categories.contains(facts.category()))
        && (severities.isEmpty() || severities.contains(facts.severity()));
  }

  boolean covers(FollowUpFacts facts) {
    return channels.isEmpty() || channels.contains(facts.channel());
  }
}
