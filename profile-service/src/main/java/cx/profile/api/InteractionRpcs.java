package cx.profile.api;

import cx.common.v1.TimelineSource;
import cx.profile.domain.Interaction;
import cx.profile.domain.InteractionLog;
import cx.profile.domain.InteractionType;
import cx.profile.domain.ResolvedCustomer;
import cx.profile.v1.GetInteractionRequest;
import cx.profile.v1.GetInteractionResponse;
import cx.profile.v1.ListCustomerProfileEventsRequest;
import cx.profile.v1.ListCustomerProfileEventsResponse;
import cx.profile.v1.ListInteractionsRequest;
import cx.profile.v1.ListInteractionsResponse;
import cx.profile.v1.RecordInteractionRequest;
import cx.profile.v1.RecordInteractionResponse;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.grpc.TimelineMessages;
import cx.runtime.paging.TimelinePaging;
import cx.runtime.timeline.CustomerEventLog;
import cx.runtime.timeline.EventPage;
import cx.runtime.timeline.EventQuery;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The touchpoint RPCs (record, read, list a customer's interactions) and the internal RPC that
 * serves profile-service's part of the unified timeline.
 */
final class InteractionRpcs {

  private static final Pattern INTERACTION_NAME =
      Pattern.compile("customers/([A-Za-z0-9_-]{1,64})/interactions/([a-z0-9]{1,64})");
  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,31}(\\.[a-z][a-z0-9_]{0,31}){0,3}");
  private static final int MAX_FILTER_VALUES = 50;

  private final InteractionLog interactions;
  private final CustomerEventLog events;
  private final TimelinePaging interactionPaging;
  private final TimelinePaging eventPaging;

  InteractionRpcs(InteractionLog interactions, CustomerEventLog events, TimelinePaging interactionPaging,
      TimelinePaging eventPaging) {
    this.interactions = interactions;
    this.events = events;
    this.interactionPaging = interactionPaging;
    this.eventPaging = eventPaging;
  }

  /** Records a touchpoint, idempotent on its external id. */
  RecordInteractionResponse recordInteraction(RecordInteractionRequest request) {
    String customerId = ResourceNames.customerId(request.getParent(), "parent");
    if (!request.hasInteraction()) {
      throw InvalidArgumentException.of("interaction", "is required");
    }
    InteractionLog.Recorded recorded = interactions.record(customerId,
        InteractionMessages.toNewInteraction(request.getInteraction()), Callers.current());
    return RecordInteractionResponse.newBuilder()
        .setInteraction(InteractionMessages.toMessage(recorded.interaction()))
        .setAlreadyRecorded(recorded.alreadyRecorded())
        .build();
  }

  /** Returns one interaction of a customer. */
  GetInteractionResponse getInteraction(GetInteractionRequest request) {
    Matcher name = INTERACTION_NAME.matcher(request.getName());
    if (!name.matches()) {
      throw InvalidArgumentException.of("name",
          "must be an interaction name like customers/{customer}/interactions/{interaction}");
    }
    Interaction interaction = interactions.get(name.group(1), name.group(2));
    return GetInteractionResponse.newBuilder().setInteraction(InteractionMessages.toMessage(interaction)).build();
  }

  /** A page of a customer's interactions, including those under merged ids, newest first. */
  ListInteractionsResponse listInteractions(ListInteractionsRequest request) {
    String customerId = ResourceNames.customerId(request.getParent(), "parent");
    Set<String> channels = new TreeSet<>();
    for (int i = 0; i < request.getChannelsCount(); i++) {
      channels.add(requiredChannel(request.getChannels(i), "channels[" + i + "]"));
    }
    Set<String> kinds = new TreeSet<>();
    for (int i = 0; i < request.getTypesCount(); i++) {
      InteractionType type = InteractionMessages.type(request.getTypes(i), "types[" + i + "]");
      if (type == null) {
        throw InvalidArgumentException.of("types[" + i + "]", "is not an interaction type");
      }
      kinds.add(type.eventKind());
    }
    if (kinds.isEmpty()) {
      kinds.add(InteractionLog.EVENT_KIND);
    }
    ResolvedCustomer owner = interactions.historyOwner(customerId);
    EventQuery query = interactionPaging.query(new LinkedHashSet<>(owner.allIds()), channels, kinds,
        ProtoValues.instant(request.hasStartTime(), request.getStartTime(), "start_time"),
        ProtoValues.instant(request.hasEndTime(), request.getEndTime(), "end_time"),
        request.getPageSize(), request.getPageToken());
    InteractionLog.InteractionPage page = interactions.list(query);
    ListInteractionsResponse.Builder response = ListInteractionsResponse.newBuilder()
        .setNextPageToken(interactionPaging.nextPageToken(query, page.events()));
    page.interactions().forEach(i -> response.addInteractions(InteractionMessages.toMessage(i)));
    return response.build();
  }

  /** Internal: profile-service's timeline events for exactly the ids given, newest first. */
  ListCustomerProfileEventsResponse listCustomerProfileEvents(ListCustomerProfileEventsRequest request) {
    if (request.getCustomerIdsCount() > TimelinePaging.MAX_CUSTOMER_IDS) {
      throw InvalidArgumentException.of("customer_ids", "holds more than " + TimelinePaging.MAX_CUSTOMER_IDS + " ids");
    }
    Set<String> customerIds = new LinkedHashSet<>();
    for (int i = 0; i < request.getCustomerIdsCount(); i++) {
      String id = request.getCustomerIds(i);
      if (!CUSTOMER_ID.matcher(id).matches()) {
        throw InvalidArgumentException.of("customer_ids[" + i + "]", "is not a customer id");
      }
      customerIds.add(id);
    }
    var filter = request.getFilter();
    if (filter.getChannelsCount() > MAX_FILTER_VALUES || filter.getKindsCount() > MAX_FILTER_VALUES) {
      throw InvalidArgumentException.of("filter", "holds more than " + MAX_FILTER_VALUES + " channels or kinds");
    }
    Set<String> channels = new TreeSet<>();
    for (int i = 0; i < filter.getChannelsCount(); i++) {
      channels.add(requiredChannel(filter.getChannels(i), "filter.channels[" + i + "]"));
    }
    Set<String> kinds = new TreeSet<>();
    for (int i = 0; i < filter.getKindsCount(); i++) {
      if (!KIND.matcher(filter.getKinds(i)).matches()) {
        throw InvalidArgumentException.of("filter.kinds[" + i + "]", "is not a dotted lower-case kind");
      }
      kinds.add(filter.getKinds(i));
    }
    EventQuery query = eventPaging.query(customerIds, channels, kinds,
        ProtoValues.instant(filter.hasStartTime(), filter.getStartTime(), "filter.start_time"),
        ProtoValues.instant(filter.hasEndTime(), filter.getEndTime(), "filter.end_time"),
        request.getPageSize(), request.getPageToken());
    EventPage page = events.read(query);
    ListCustomerProfileEventsResponse.Builder response = ListCustomerProfileEventsResponse.newBuilder()
        .setNextPageToken(eventPaging.nextPageToken(query, page));
    page.events().forEach(e -> response.addEvents(
        TimelineMessages.toMessage(e, TimelineSource.TIMELINE_SOURCE_PROFILE)));
    return response.build();
  }

  private static String requiredChannel(cx.common.v1.Channel channel, String field) {
    String name = ProtoValues.channelName(channel, field);
    if (name.isEmpty()) {
      throw InvalidArgumentException.of(field, "is not a channel");
    }
    return name;
  }
}
