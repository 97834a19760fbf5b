package cx.returns.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import cx.returns.domain.Actor;
import cx.returns.domain.ActorType;
import cx.returns.domain.Channel;
import cx.returns.domain.CommerceAnalytics;
import cx.returns.domain.InspectedUnits;
import cx.returns.domain.ItemCondition;
import cx.returns.domain.Money;
import cx.returns.domain.NewReturn;
import cx.returns.domain.NewReturnLine;
import cx.returns.domain.Order;
import cx.returns.domain.OrderLine;
import cx.returns.domain.OrderStore;
import cx.returns.domain.ProductReturn;
import cx.returns.domain.RateCount;
import cx.returns.domain.ReceivedUnits;
import cx.returns.domain.Resolution;
import cx.returns.domain.ReturnClaims;
import cx.returns.domain.ReturnDesk;
import cx.returns.domain.ReturnPolicy;
import cx.returns.domain.ReturnRateEvents;
import cx.returns.domain.ReturnRates;
import cx.returns.domain.ReturnReason;
import cx.returns.domain.ReturnStore;
import cx.returns.domain.ReturnTimeline;
import cx.returns.domain.ReturnableUnits;
import cx.returns.store.MongoCustomerSummaries;
import cx.returns.store.MongoOrderStore;
import cx.returns.store.MongoReturnRateRollups;
import cx.returns.store.MongoReturnStore;
import cx.runtime.store.EmbeddedMongoServer;
import cx.runtime.store.MongoCustomerEventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * A benchmark, not a test: on the embedded store (in memory), loads {@code bench.orders} orders
 * over a year, then measures {@code CreateReturn} for {@code bench.returns} returns, the
 * transitions of {@code bench.transitions} of them through to refund, the return-rate and
 * top-reason queries, and, in the same run, the store's own find-by-{@code _id} as the floor.
 * It drives the use cases on the MongoDB stores directly, without gRPC.
 *
 * <pre>
 * ./mvnw -o -q -pl returns-service -Pbench test-compile exec:java \
 *     -Dbench.orders=200000 -Dbench.returns=40000 -Dbench.transitions=5000
 * </pre>
 */
public final class ReturnsBenchmark {

  private static final List<Channel> CHANNELS = List.of(Channel.WEB, Channel.MOBILE_APP, Channel.STORE,
      Channel.MARKETPLACE, Channel.CALL_CENTER);
  private static final List<String> CATEGORIES = List.of("apparel", "kitchen", "electronics", "toys", "garden",
      "books", "beauty", "sports");
  private static final List<ReturnReason> REASONS = List.of(ReturnReason.WRONG_SIZE, ReturnReason.NOT_AS_DESCRIBED,
      ReturnReason.CHANGED_MIND, ReturnReason.ARRIVED_LATE, ReturnReason.OTHER);

  private ReturnsBenchmark() {
  }

  public static void main(String[] args) {
    int orderCount = Integer.getInteger("bench.orders", 200_000);
    int returnCount = Integer.getInteger("bench.returns", 40_000);
    int transitionCount = Math.min(returnCount, Integer.getInteger("bench.transitions", 5_000));
    Random random = new Random(42);
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    // The use cases run on the real clock, so that each transition is a moment of its own.
    Clock clock = Clock.systemUTC();
    StoreCalls storeCalls = new StoreCalls();

    try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(server.connectionString()))
            .addCommandListener(storeCalls)
            .build())) {
      MongoDatabase database = client.getDatabase("bench");
      OrderStore orders = new MongoOrderStore(database);
      ReturnStore returns = new MongoReturnStore(database);
      MongoReturnRateRollups rollups = new MongoReturnRateRollups(database);
      MongoCustomerSummaries summaries = new MongoCustomerSummaries(database);
      CommerceAnalytics analytics = new CommerceAnalytics(rollups, summaries, returns, clock);
      ReturnTimeline timeline = new ReturnTimeline(new MongoCustomerEventLog(database, "timeline"));
      ReturnPolicy policy = new ReturnPolicy(Duration.ofDays(400), List.of(), Set.of(), Map.of("EUR", 10_000_000L),
          Set.of(), Duration.ofDays(14), 0);
      ReturnDesk desk = new ReturnDesk(orders, returns, new ReturnableUnits(orders, returns), () -> policy, analytics,
          timeline, clock);
      ReturnRates rates = new ReturnRates(rollups);

      // Orders are loaded directly and their rollups counted a day at a time: loading is not measured.
      System.out.printf("Loading %,d orders ...%n", orderCount);
      long loadStart = System.nanoTime();
      List<Order> loaded = new ArrayList<>(orderCount);
      Map<LocalDate, Map<String, List<RateCount>>> byDay = new HashMap<>();
      for (int i = 0; i < orderCount; i++) {
        Order order = new Order("o" + i, "c" + (i % (orderCount / 4 + 1)), CHANNELS.get(random.nextInt(CHANNELS.size())),
            now.minus(Duration.ofMinutes(1 + random.nextInt(365 * 1_440))),
            List.of(new OrderLine("1", "SKU-" + random.nextInt(1_000), CATEGORIES.get(random.nextInt(CATEGORIES.size())),
                1 + random.nextInt(3), new Money("EUR", 500 + random.nextInt(20_000)))), now, ReturnClaims.NONE);
        orders.insertIfAbsent(order);
        loaded.add(order);
        byDay.computeIfAbsent(ReturnRateEvents.cohortDay(order), d -> new LinkedHashMap<>())
            .putAll(ReturnRateEvents.forOrder(order));
      }
      byDay.forEach(rollups::count);
      System.out.printf("  loaded in %.1f s%n", (System.nanoTime() - loadStart) / 1e9);

      double floorMillis = measure(10_000, i -> orders.find("o" + random.nextInt(orderCount)))[0];

      List<ProductReturn> created = new ArrayList<>(returnCount);
      storeCalls.reset();
      long createStart = System.nanoTime();
      for (int i = 0; i < returnCount; i++) {
        Order order = loaded.get(i * (orderCount / returnCount));
        OrderLine line = order.lines().get(0);
        created.add(desk.create("r" + i, new NewReturn(order.customerId(), order.id(), List.of(new NewReturnLine("1",
            line.sku(), 1, REASONS.get(random.nextInt(REASONS.size())), ItemCondition.UNOPENED, "", List.of())),
            Resolution.REFUND, null, List.of()), new Actor(order.customerId(), ActorType.CUSTOMER)));
      }
      double createSeconds = (System.nanoTime() - createStart) / 1e9;
      String createCalls = storeCalls.perOperation(returnCount);

      Actor agent = new Actor("bench-agent", ActorType.AGENT);
      storeCalls.reset();
      long transitionStart = System.nanoTime();
      for (int i = 0; i < transitionCount; i++) {
        ProductReturn r = created.get(i);
        desk.markInTransit(r.customerId(), r.id(), 0, "", "DHL", "T" + i, null, agent);
        desk.receive(r.customerId(), r.id(), 0, "", List.of(new ReceivedUnits("1", 1, 0)), agent);
        desk.inspect(r.customerId(), r.id(), 0, "", List.of(new InspectedUnits("1", 1, ItemCondition.UNOPENED)), agent);
        desk.refund(r.customerId(), r.id(), 0, "", null, "PAY-" + i, agent);
      }
      double transitionSeconds = (System.nanoTime() - transitionStart) / 1e9;
      String transitionCalls = storeCalls.perOperation(4 * transitionCount);

      Set<ReturnRates.Dimension> all = Set.of(ReturnRates.Dimension.CHANNEL, ReturnRates.Dimension.PRODUCT_CATEGORY,
          ReturnRates.Dimension.REASON);
      double[] month = measure(50, i -> rates.rate(new ReturnRates.Query(now.minus(Duration.ofDays(30)), now,
          Set.of(ReturnRates.Dimension.CHANNEL), Set.of(), Set.of())));
      double[] year = measure(20, i -> rates.rate(new ReturnRates.Query(now.minus(Duration.ofDays(365)), now, all,
          Set.of(), Set.of())));
      double[] reasons = measure(20, i -> rates.topReasons(new ReturnRates.Query(now.minus(Duration.ofDays(365)), now,
          Set.of(), Set.of(Channel.WEB), Set.of())));
      double[] summary = measure(1_000, i -> analytics.summary("c" + random.nextInt(orderCount / 4 + 1)));

      System.out.println();
      System.out.println("returns-service benchmark, embedded store (mongo-java-server, in memory), one thread");
      System.out.printf("  data: %,d orders over 365 days, %,d returns, %,d taken to refund%n", orderCount,
          returnCount, transitionCount);
      System.out.printf("  floor: find order by _id                    %8.3f ms%n", floorMillis);
      System.out.printf("  CreateReturn                               %8.0f returns/s (%.2f ms each)%n",
          returnCount / createSeconds, createSeconds * 1_000 / returnCount);
      System.out.printf("    store calls each: %s%n", createCalls);
      System.out.printf("  transitions (in transit/receive/inspect/refund) %5.0f transitions/s (%.2f ms each)%n",
          4.0 * transitionCount / transitionSeconds, transitionSeconds * 1_000 / (4.0 * transitionCount));
      System.out.printf("    store calls each: %s%n", transitionCalls);
      System.out.printf("  GetReturnRate 30 days by channel           mean %7.2f ms, p95 %7.2f ms%n", month[0], month[1]);
      System.out.printf("  GetReturnRate 365 days by all dimensions   mean %7.2f ms, p95 %7.2f ms%n", year[0], year[1]);
      System.out.printf("  GetTopReturnReasons 365 days, web          mean %7.2f ms, p95 %7.2f ms%n", reasons[0],
          reasons[1]);
      System.out.printf("  GetCustomerCommerceSummary                 mean %7.2f ms, p95 %7.2f ms%n", summary[0],
          summary[1]);
    }
  }

  /** Counts the commands the driver sends, by command name, between resets. */
  private static final class StoreCalls implements CommandListener {

    private final Map<String, LongAdder> byCommand = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
      byCommand.computeIfAbsent(event.getCommandName(), c -> new LongAdder()).increment();
    }

    void reset() {
      byCommand.clear();
    }

    /** The calls per operation over {@code operations} operations, in total and by command. */
    String perOperation(int operations) {
      long total = byCommand.values().stream().mapToLong(LongAdder::sum).sum();
      String each = new TreeMap<>(byCommand).entrySet().stream()
          .map(e -> String.format("%s %.1f", e.getKey(), e.getValue().sum() / (double) operations))
          .collect(Collectors.joining(", "));
      return String.format("%.1f (%s)", total / (double) operations, each);
    }
  }

  /** Mean and 95th percentile in milliseconds of {@code times} runs. */
  private static double[] measure(int times, java.util.function.IntFunction<?> run) {
    for (int i = 0; i < Math.min(times, 10); i++) {
      run.apply(i);
    }
    double[] millis = new double[times];
    for (int i = 0; i < times; i++) {
      long start = System.nanoTime();
      run.apply(i);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return new double[] {Arrays.stream(millis).average().orElse(0), millis[(int) Math.floor(times * 0.95) - 1]};
  }
}
