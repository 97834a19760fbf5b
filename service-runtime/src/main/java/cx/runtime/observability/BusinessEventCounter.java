package cx.runtime.observability;

import cx.runtime.timeline.CustomerEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The business counters: every fact a service records in a customer's history is counted once,
 * by its kind, as {@code cx.business.events{kind}} ({@code cx_business_events_total} in
 * Prometheus) — survey responses ({@code survey.response}), complaints filed and resolved
 * ({@code complaint.filed}, {@code complaint.resolved}), returns by the state they entered
 * ({@code return.approved}, {@code return.refunded}, ...). Kinds are the services' own constants,
 * so the number of series stays small; nothing about the customer is a tag.
 */
public final class BusinessEventCounter implements Consumer<CustomerEvent> {

  /** The counter's name. */
  public static final String METER = "cx.business.events";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public BusinessEventCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void accept(CustomerEvent event) {
    counters.computeIfAbsent(event.kind(), kind -> Counter.builder(METER)
        .description("Business events first recorded in customers' histories, by kind")
        .tag("kind", kind)
        .register(registry)).increment();
  }
}
