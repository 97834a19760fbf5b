package cx.feedback.api;

import com.google.protobuf.Message;
import cx.feedback.domain.ComplaintCategory;
import cx.feedback.domain.ComplaintSeverity;
import cx.feedback.domain.ComplaintState;
import cx.feedback.domain.FollowUpState;
import cx.feedback.domain.FollowUpTrigger;
import cx.feedback.domain.ListFilters;
import cx.feedback.domain.PagePosition;
import cx.feedback.domain.RecordLists;
import cx.feedback.domain.ScoreBand;
import cx.feedback.domain.SurveyType;
import cx.feedback.domain.Touchpoint;
import cx.feedback.v1.ListComplaintsRequest;
import cx.feedback.v1.ListComplaintsResponse;
import cx.feedback.v1.ListFollowUpsRequest;
import cx.feedback.v1.ListFollowUpsResponse;
import cx.feedback.v1.ListResponsesRequest;
import cx.feedback.v1.ListResponsesResponse;
import cx.feedback.v1.ListSurveysRequest;
import cx.feedback.v1.ListSurveysResponse;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.paging.PageSize;
import cx.runtime.paging.PageTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The list methods: filters copied from the request, keyset pages, and signed page tokens
 * bound to the method and every filter, so that a token is refused with another query.
 */
final class ListingRpcs {

  private static final int MAX_SURVEY_FILTER = 100;

  private final RecordLists lists;
  private final PageTokens tokens;
  private final Clock clock;

  ListingRpcs(RecordLists lists, PageTokens tokens, Clock clock) {
    this.lists = lists;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** A page of items and the token of the next page. */
  record Page<T>(List<T> items, String nextPageToken) {
  }

  private <T> Page<T> page(String method, Message request, int requestedSize, String token,
      PagedQuery<T> query, Function<T, PagePosition> positionOf) {
    int size = PageSize.coerce(requestedSize);
    String fingerprint = PageTokens.fingerprint(method,
        List.of(Base64.getEncoder().encodeToString(request.toByteArray())));
    List<String> key = tokens.decode(token, fingerprint);
    PagePosition after = null;
    if (!key.isEmpty()) {
      try {
        after = new PagePosition(Instant.ofEpochMilli(Long.parseLong(key.get(0))), key.get(1));
      } catch (RuntimeException e) {
        throw InvalidArgumentException.of("page_token", "is not a token this service issued");
      }
    }
    List<T> found = query.find(after, size + 1);
    if (found.size() <= size) {
      return new Page<>(found, "");
    }
    List<T> items = found.subList(0, size);
    PagePosition last = positionOf.apply(items.get(size - 1));
    return new Page<>(items, tokens.encode(fingerprint, List.of(Long.toString(last.time().toEpochMilli()), last.id())));
  }

  private interface PagedQuery<T> {
    List<T> find(PagePosition after, int limit);
  }

  ListSurveysResponse listSurveys(ListSurveysRequest request) {
    var filter = new ListFilters.Surveys(
        ValueMessages.enumSet(request.getSurveyTypesList(), "SURVEY_TYPE_", SurveyType.class, "survey_types"),
        ValueMessages.enumSet(request.getTouchpointsList(), "TOUCHPOINT_", Touchpoint.class, "touchpoints"),
        ValueMessages.channel(request.getChannel(), "channel"), request.getActiveOnly() ? clock.instant() : null);
    var page = page("ListSurveys", request.toBuilder().clearPageSize().clearPageToken().build(),
        request.getPageSize(), request.getPageToken(), (after, limit) -> lists.surveys(filter, after, limit),
        s -> new PagePosition(s.createTime(), s.id()));
    var response = ListSurveysResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(s -> response.addSurveys(SurveyMessages.toMessage(s)));
    return response.build();
  }

  ListResponsesResponse listResponses(ListResponsesRequest request) {
    String customerId = parent(request.getParent());
    if (request.getSurveysCount() > MAX_SURVEY_FILTER) {
      throw InvalidArgumentException.of("surveys", "holds more than " + MAX_SURVEY_FILTER + " surveys");
    }
    Set<String> surveyIds = new LinkedHashSet<>();
    for (int i = 0; i < request.getSurveysCount(); i++) {
      surveyIds.add(ResourceNames.surveyId(request.getSurveys(i), "surveys[" + i + "]"));
    }
    var filter = new ListFilters.Responses(customerId, surveyIds,
        ValueMessages.enumSet(request.getSurveyTypesList(), "SURVEY_TYPE_", SurveyType.class, "survey_types"),
        Set.copyOf(ValueMessages.channels(request.getChannelsList(), "channels")),
        ValueMessages.enumSet(request.getTouchpointsList(), "TOUCHPOINT_", Touchpoint.class, "touchpoints"),
        ValueMessages.instant(request.hasStartTime(), request.getStartTime(), "start_time"),
        ValueMessages.instant(request.hasEndTime(), request.getEndTime(), "end_time"),
        ValueMessages.enumSet(request.getBandsList(), "SCORE_BAND_", ScoreBand.class, "bands"));
    var page = page("ListResponses", request.toBuilder().clearPageSize().clearPageToken().build(),
        request.getPageSize(), request.getPageToken(), (after, limit) -> lists.responses(filter, after, limit),
        r -> new PagePosition(r.respondTime(), r.id()));
    var response = ListResponsesResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(r -> response.addSurveyResponses(ResponseMessages.toMessage(r)));
    return response.build();
  }

  ListComplaintsResponse listComplaints(ListComplaintsRequest request) {
    String customerId = parent(request.getParent());
    var filter = new ListFilters.Complaints(customerId,
        ValueMessages.enumSet(request.getStatesList(), "COMPLAINT_STATE_", ComplaintState.class, "states"),
        ValueMessages.enumSet(request.getSeveritiesList(), "COMPLAINT_SEVERITY_", ComplaintSeverity.class, "severities"),
        ValueMessages.enumSet(request.getCategoriesList(), "COMPLAINT_CATEGORY_", ComplaintCategory.class, "categories"),
        Set.copyOf(ValueMessages.channels(request.getChannelsList(), "channels")),
        ValueMessages.instant(request.hasStartTime(), request.getStartTime(), "start_time"),
        ValueMessages.instant(request.hasEndTime(), request.getEndTime(), "end_time"),
        request.getOverdueOnly() ? clock.instant() : null, request.getOldestFirst());
    var page = page("ListComplaints", request.toBuilder().clearPageSize().clearPageToken().build(),
        request.getPageSize(), request.getPageToken(), (after, limit) -> lists.complaints(filter, after, limit),
        c -> new PagePosition(c.createTime(), c.id()));
    var response = ListComplaintsResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(c -> response.addComplaints(ComplaintMessages.toMessage(c)));
    return response.build();
  }

  ListFollowUpsResponse listFollowUps(ListFollowUpsRequest request) {
    String customerId = parent(request.getParent());
    var filter = new ListFilters.FollowUps(customerId,
        ValueMessages.enumSet(request.getStatesList(), "FOLLOW_UP_STATE_", FollowUpState.class, "states"),
        ValueMessages.enumSet(request.getTriggersList(), "FOLLOW_UP_TRIGGER_", FollowUpTrigger.class, "triggers"),
        Set.copyOf(ValueMessages.channels(request.getChannelsList(), "channels")),
        ValueMessages.instant(request.hasStartTime(), request.getStartTime(), "start_time"),
        ValueMessages.instant(request.hasEndTime(), request.getEndTime(), "end_time"), request.getOldestFirst());
    var page = page("ListFollowUps", request.toBuilder().clearPageSize().clearPageToken().build(),
        request.getPageSize(), request.getPageToken(), (after, limit) -> lists.followUps(filter, after, limit),
        f -> new PagePosition(f.createTime(), f.id()));
    var response = ListFollowUpsResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(f -> response.addFollowUps(ResponseMessages.toMessage(f)));
    return response.build();
  }

  /** The customer id of a parent, or empty for "customers/-" (every customer). */
  private static String parent(String parent) {
    return parent.equals("customers/-") ? "" : ResourceNames.customerId(parent, "parent");
  }
}
