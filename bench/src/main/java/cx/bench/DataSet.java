package cx.bench;

import com.google.protobuf.Timestamp;
import cx.common.v1.Channel;
import cx.common.v1.Money;
import cx.feedback.v1.ComplaintCategory;
import cx.feedback.v1.ComplaintSeverity;
import cx.feedback.v1.CreateSurveyRequest;
import cx.feedback.v1.FileComplaintRequest;
import cx.feedback.v1.LinkedRecord;
import cx.feedback.v1.LinkedRecordKind;
import cx.feedback.v1.BatchSubmitResponsesRequest;
import cx.feedback.v1.SubmitResponseRequest;
import cx.feedback.v1.Survey;
import cx.feedback.v1.SurveyResponse;
import cx.feedback.v1.SurveyType;
import cx.feedback.v1.Touchpoint;
import cx.profile.v1.IdentifyRequest;
import cx.profile.v1.Identity;
import cx.profile.v1.IdentityType;
import cx.profile.v1.Interaction;
import cx.profile.v1.InteractionType;
import cx.profile.v1.RecordInteractionRequest;
import cx.returns.v1.CreateReturnRequest;
import cx.returns.v1.ItemCondition;
import cx.returns.v1.Order;
import cx.returns.v1.OrderLine;
import cx.returns.v1.ProductReturn;
import cx.returns.v1.RecordOrderRequest;
import cx.returns.v1.Resolution;
import cx.returns.v1.ReturnLine;
import cx.returns.v1.ReturnReason;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A realistic, seeded data set loaded through the services' gRPC APIs: customers known by
 * several identifiers across channels, their touchpoints, survey answers with an industry-like
 * score spread, a few complaints, orders, and returns of about a fifth of the orders. The same
 * seed gives the same data set.
 */
final class DataSet {

  /** Touchpoints per customer, on average; with answers, orders and returns about 20 events each. */
  static final int MEAN_INTERACTIONS = 12;
  /** The share of orders returned; online retail sees 15 to 30 %. */
  static final double RETURN_SHARE = 0.22;
  static final int CONCURRENCY = 48;
  /** How many answers one call of the loading carries. */
  static final int ANSWER_BATCH = 500;

  static final List<Channel> CHANNELS = List.of(Channel.CHANNEL_WEB, Channel.CHANNEL_MOBILE_APP,
      Channel.CHANNEL_STORE, Channel.CHANNEL_CALL_CENTER, Channel.CHANNEL_CHAT, Channel.CHANNEL_EMAIL,
      Channel.CHANNEL_SOCIAL);
  private static final List<Channel> ORDER_CHANNELS = List.of(Channel.CHANNEL_WEB, Channel.CHANNEL_MOBILE_APP,
      Channel.CHANNEL_STORE, Channel.CHANNEL_MARKETPLACE, Channel.CHANNEL_CALL_CENTER);
  private static final List<String> CATEGORIES = List.of("apparel", "kitchen", "electronics", "toys", "garden",
      "books", "beauty", "sports");
  private static final List<ReturnReason> REASONS = List.of(ReturnReason.RETURN_REASON_WRONG_SIZE,
      ReturnReason.RETURN_REASON_NOT_AS_DESCRIBED, ReturnReason.RETURN_REASON_CHANGED_MIND,
      ReturnReason.RETURN_REASON_ARRIVED_LATE, ReturnReason.RETURN_REASON_OTHER);
  private static final List<InteractionType> INTERACTIONS = List.of(InteractionType.INTERACTION_TYPE_WEB_VISIT,
      InteractionType.INTERACTION_TYPE_APP_SESSION, InteractionType.INTERACTION_TYPE_STORE_VISIT,
      InteractionType.INTERACTION_TYPE_CALL, InteractionType.INTERACTION_TYPE_CHAT, InteractionType.INTERACTION_TYPE_EMAIL);
  /** Percent of answers per score: NPS 0-10 (25 % detractors, 30 % passives, 45 % promoters), CSAT 1-5, CES 1-7. */
  private static final int[] NPS_SPREAD = {3, 1, 2, 2, 3, 5, 9, 14, 16, 20, 25};
  private static final int[] CSAT_SPREAD = {5, 7, 13, 35, 40};
  private static final int[] CES_SPREAD = {4, 6, 10, 15, 25, 25, 15};

  /** An order as the returns scenarios need it. */
  record OrderRef(String customerId, String orderName, String sku, int quantity, long unitPrice) {
  }

  final long seed;
  final Instant now;
  final List<String> customerIds = new ArrayList<>();
  final List<String> phones = new ArrayList<>();
  final List<OrderRef> orders = new ArrayList<>();
  /** Orders no return was loaded for, which the returns scenario takes through the lifecycle. */
  final List<OrderRef> unreturnedOrders = new ArrayList<>();
  final List<String> surveys = new ArrayList<>();
  final List<Measurement> loading = new ArrayList<>();
  long events;

  private DataSet(long seed, Instant now) {
    this.seed = seed;
    this.now = now;
  }

  /** Loads {@code customers} customers and everything they did. */
  static DataSet load(Platform platform, int customers, long seed, PrintStream log) {
    DataSet data = new DataSet(seed, Instant.now());
    data.createSurveys(platform);

    log.printf("Loading %,d customers (Identify) ...%n", customers);
    String[] ids = new String[customers];
    data.loading.add(OpenLoop.closed("load: Identify", customers, CONCURRENCY, i -> {
      Random random = data.random(i);
      IdentifyRequest request = IdentifyRequest.newBuilder().setChannel(pick(random, CHANNELS))
          .setDisplayName(name(random)).setRequestId("bench-" + seed + "-customer-" + i)
          .addAllIdentities(identities(i, random)).build();
      return Platform.answer(platform.profile().identify(request))
          .thenAccept(answer -> ids[i] = answer.getCustomer().getName().substring("customers/".length()));
    }));
    for (int i = 0; i < customers; i++) {
      data.customerIds.add(ids[i]);
      data.phones.add(phone(i));
    }

    List<Supplier<CompletableFuture<?>>> writes = new ArrayList<>();
    List<SubmitResponseRequest> answers = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      data.plan(platform, i, writes, answers);
    }
    // Answers go in batches, as a survey tool delivers them.
    for (int from = 0; from < answers.size(); from += ANSWER_BATCH) {
      BatchSubmitResponsesRequest batch = BatchSubmitResponsesRequest.newBuilder().setParent("customers/-")
          .addAllRequests(answers.subList(from, Math.min(answers.size(), from + ANSWER_BATCH))).build();
      writes.add(() -> Platform.answer(platform.feedback().batchSubmitResponses(batch)));
    }
    log.printf("Loading %,d touchpoints, complaints and orders and %,d answers ...%n", writes.size(), answers.size());
    data.loading.add(OpenLoop.closed("load: touchpoints, complaints, orders, batches of answers", writes.size(),
        CONCURRENCY, i -> writes.get(i).get()));
    data.events = writes.size() + answers.size() - (answers.size() + ANSWER_BATCH - 1) / ANSWER_BATCH;

    List<Supplier<CompletableFuture<?>>> returns = new ArrayList<>();
    Random random = new Random(seed);
    for (int i = 0; i < data.orders.size(); i++) {
      OrderRef order = data.orders.get(i);
      if (random.nextDouble() < RETURN_SHARE) {
        String requestId = "bench-" + seed + "-return-" + i;
        ReturnReason reason = pick(random, REASONS);
        returns.add(() -> Platform.answer(platform.returns().createReturn(createReturn(order, reason, requestId))));
      } else {
        data.unreturnedOrders.add(order);
      }
    }
    log.printf("Loading %,d returns ...%n", returns.size());
    data.loading.add(OpenLoop.closed("load: CreateReturn", returns.size(), CONCURRENCY, i -> returns.get(i).get()));
    data.events += customers + returns.size();
    return data;
  }

  static CreateReturnRequest createReturn(OrderRef order, ReturnReason reason, String requestId) {
    return CreateReturnRequest.newBuilder().setParent("customers/" + order.customerId()).setRequestId(requestId)
        .setProductReturn(ProductReturn.newBuilder().setOrder(order.orderName())
            .setPreferredResolution(Resolution.RESOLUTION_REFUND).setChannel(Channel.CHANNEL_WEB)
            .addLines(ReturnLine.newBuilder().setOrderLineId("1").setSku(order.sku()).setQuantity(1)
                .setReason(reason).setCondition(ItemCondition.ITEM_CONDITION_UNOPENED)))
        .build();
  }

  /** The writes of customer {@code i}, added to {@code writes}; their orders to {@link #orders}. */
  private void plan(Platform platform, int i, List<Supplier<CompletableFuture<?>>> writes,
      List<SubmitResponseRequest> batchedAnswers) {
    Random random = new Random(random(i).nextLong());
    String id = customerIds.get(i);
    String parent = "customers/" + id;
    int interactions = random.nextInt(MEAN_INTERACTIONS * 2 + 1);
    for (int k = 0; k < interactions; k++) {
      Interaction interaction = Interaction.newBuilder().setExternalId("bench-" + seed + "-" + i + "-" + k)
          .setChannel(pick(random, CHANNELS)).setType(pick(random, INTERACTIONS))
          .setSummary("Touchpoint " + (k + 1)).setOccurTime(before(random, Duration.ofDays(365))).build();
      writes.add(() -> Platform.answer(platform.profile().recordInteraction(RecordInteractionRequest.newBuilder()
          .setParent(parent).setInteraction(interaction).build())));
    }
    int answers = 1 + random.nextInt(5);
    for (int k = 0; k < answers; k++) {
      int which = random.nextInt(surveys.size());
      batchedAnswers.add(response(parent, surveys.get(which), which, "bench-" + seed + "-" + i + "-" + k, random));
    }
    if (random.nextDouble() < 0.08) {
      FileComplaintRequest complaint = FileComplaintRequest.newBuilder().setParent(parent)
          .setRequestId("bench-" + seed + "-complaint-" + i).setComplaint(cx.feedback.v1.Complaint.newBuilder()
              .setChannel(pick(random, CHANNELS)).setCategory(ComplaintCategory.COMPLAINT_CATEGORY_DELIVERY)
              .setSeverity(ComplaintSeverity.COMPLAINT_SEVERITY_MEDIUM).setDescription("The parcel came late."))
          .build();
      writes.add(() -> Platform.answer(platform.feedback().fileComplaint(complaint)));
    }
    int orderCount = 1 + random.nextInt(5);
    for (int k = 0; k < orderCount; k++) {
      String orderId = "b" + seed + "o" + i + "x" + k;
      String sku = "SKU-" + random.nextInt(2_000);
      int quantity = 1 + random.nextInt(3);
      long price = 500 + random.nextInt(20_000);
      RecordOrderRequest order = RecordOrderRequest.newBuilder().setParent(parent).setOrderId(orderId)
          .setOrder(Order.newBuilder().setChannel(pick(random, ORDER_CHANNELS))
              // Recent enough for every category's return window.
              .setOrderTime(before(random, Duration.ofDays(25)))
              .addLines(OrderLine.newBuilder().setLineId("1").setSku(sku)
                  .setProductCategory(pick(random, CATEGORIES)).setQuantity(quantity)
                  .setUnitPrice(Money.newBuilder().setCurrencyCode("EUR").setMinorUnits(price))))
          .build();
      orders.add(new OrderRef(id, parent + "/orders/" + orderId, sku, quantity, price));
      writes.add(() -> Platform.answer(platform.returns().recordOrder(order)));
    }
  }

  /** An answer to survey {@code which} (0 NPS, 1 CSAT, 2 CES) with a score drawn from its spread. */
  SubmitResponseRequest response(String parent, String survey, int which, String reference, Random random) {
    int[] spread = which == 0 ? NPS_SPREAD : which == 1 ? CSAT_SPREAD : CES_SPREAD;
    int score = draw(spread, random) + (which == 0 ? 0 : 1);
    return SubmitResponseRequest.newBuilder().setParent(parent).setSurveyResponse(SurveyResponse.newBuilder()
        .setSurvey(survey).setScore(score).setChannel(pick(random, CHANNELS))
        .setTouchpointReference(LinkedRecord.newBuilder().setKind(LinkedRecordKind.LINKED_RECORD_KIND_ORDER)
            .setId(reference))
        .setRespondTime(before(random, Duration.ofDays(300)))).build();
  }

  private void createSurveys(Platform platform) {
    Object[][] kinds = {
        {SurveyType.SURVEY_TYPE_NPS, Touchpoint.TOUCHPOINT_AFTER_DELIVERY, "How likely are you to recommend us?"},
        {SurveyType.SURVEY_TYPE_CSAT, Touchpoint.TOUCHPOINT_AFTER_SUPPORT_CASE, "How satisfied were you?"},
        {SurveyType.SURVEY_TYPE_CES, Touchpoint.TOUCHPOINT_AFTER_RETURN, "How easy was your return?"}};
    for (Object[] kind : kinds) {
      Survey survey = Survey.newBuilder().setDisplayName("Bench " + kind[0]).setType((SurveyType) kind[0])
          .setTouchpoint((Touchpoint) kind[1]).setQuestion((String) kind[2])
          .setStartTime(timestamp(now.minus(Duration.ofDays(400)))).build();
      surveys.add(Platform.answer(platform.feedback().createSurvey(CreateSurveyRequest.newBuilder().setSurvey(survey)
          .setRequestId("bench-" + seed + "-survey-" + kind[0]).build())).join().getSurvey().getName());
    }
  }

  Random random(int customer) {
    return new Random(seed * 1_000_003L + customer);
  }

  private static List<Identity> identities(int i, Random random) {
    List<Identity> identities = new ArrayList<>();
    identities.add(identity(IdentityType.IDENTITY_TYPE_EMAIL, "customer" + i + "@bench.example.com", random));
    identities.add(identity(IdentityType.IDENTITY_TYPE_PHONE, phone(i), random));
    identities.add(identity(IdentityType.IDENTITY_TYPE_DEVICE_ID, "device-" + Long.toHexString(random.nextLong()), random));
    if (random.nextDouble() < 0.4) {
      identities.add(identity(IdentityType.IDENTITY_TYPE_LOYALTY_ID, "L" + (10_000_000 + i), random));
    }
    return identities;
  }

  private static Identity identity(IdentityType type, String value, Random random) {
    return Identity.newBuilder().setType(type).setValue(value).setVerified(type == IdentityType.IDENTITY_TYPE_EMAIL)
        .setFirstSeenChannel(pick(random, CHANNELS)).build();
  }

  /** A valid US number, one per customer: +1 415 exchange line. */
  static String phone(int i) {
    return String.format("+1415%03d%04d", 200 + (i / 10_000) % 800, i % 10_000);
  }

  private static final List<String> FIRST = List.of("Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret",
      "Dennis", "Barbara", "Ken", "Frances", "Edsger", "Radia", "Tim", "Hedy", "John", "Sophie");
  private static final List<String> LAST = List.of("Lovelace", "Hopper", "Turing", "Johnson", "Torvalds",
      "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "Dijkstra", "Perlman", "Berners-Lee", "Lamarr");

  private static String name(Random random) {
    return pick(random, FIRST) + " " + pick(random, LAST);
  }

  private Timestamp before(Random random, Duration span) {
    return timestamp(now.minusSeconds(60 + (long) (random.nextDouble() * span.toSeconds())));
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  /** An index drawn with the percentages in {@code spread}, which sum to 100. */
  static int draw(int[] spread, Random random) {
    int roll = random.nextInt(100);
    for (int i = 0; i < spread.length; i++) {
      roll -= spread[i];
      if (roll < 0) {
        return i;
      }
    }
    return spread.length - 1;
  }
}
