package cx.returns.domain;

import cx.runtime.failure.FieldViolation;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.timeline.CustomerEventLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Exports and erases a customer's data. Erasure pseudonymises: orders and returns are kept for
 * accounting (amounts, units, states and times) but name a pseudonym instead of the customer, and
 * returns lose the customer's comments, photos, messages and shipping details; the timeline and
 * the summary with its reference lists are removed. Every step can be repeated, and the result
 * is kept under the privacy request, so a repeated request changes nothing and answers the same.
 */
public final class CustomerPrivacy {

  /** The most customer ids one privacy request may name. */
  public static final int MAX_CUSTOMER_IDS = 100;

  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern PRIVACY_REQUEST = Pattern.compile("privacyRequests/[A-Za-z0-9_-]{1,64}");
  private static final int BATCH = 500;

  private final CustomerRecords records;
  private final ReturnStore returns;
  private final CustomerSummaries summaries;
  private final CustomerEventLog timeline;
  private final PrivacyStore store;
  private final Clock clock;

  public CustomerPrivacy(CustomerRecords records, ReturnStore returns, CustomerSummaries summaries,
      CustomerEventLog timeline, PrivacyStore store, Clock clock) {
    this.records = records;
    this.returns = returns;
    this.summaries = summaries;
    this.timeline = timeline;
    this.store = store;
    this.clock = clock;
  }

  /** The customers' orders and returns, as they are kept. */
  public record Export(List<Order> orders, List<ProductReturn> returns) {
  }

  /** All orders and returns of the customers, each customer's newest first. */
  public Export export(Set<String> customerIds, String privacyRequest) {
    check(customerIds, privacyRequest);
    List<Order> orders = new ArrayList<>();
    List<ProductReturn> customerReturns = new ArrayList<>();
    for (String customerId : customerIds) {
      all(position -> records.orders(customerId, position, BATCH, o -> true), orders);
      all(position -> records.returns(customerId, position, BATCH, r -> true), customerReturns);
    }
    return new Export(orders, customerReturns);
  }

  /**
   * Pseudonymises the customers' orders and returns and removes the rest of their data; see the
   * class comment.
   */
  public ErasureRecord erase(Set<String> customerIds, String privacyRequest) {
    check(customerIds, privacyRequest);
    Optional<ErasureRecord> done = store.find(privacyRequest);
    if (done.isPresent()) {
      return done.get();
    }
    long orders = 0;
    long erasedReturns = 0;
    for (String customerId : customerIds) {
      String pseudonym = pseudonym(customerId);
      Export export = export(Set.of(customerId), privacyRequest);
      for (ProductReturn r : export.returns()) {
        ProductReturn current = r;
        while (current != null && current.customerId().equals(customerId)
            && !returns.replace(current.pseudonymised(pseudonym), current.version())) {
          current = returns.find(r.id()).orElse(null);
        }
        erasedReturns++;
      }
      for (Order order : export.orders()) {
        store.pseudonymiseOrder(order.id(), pseudonym);
        orders++;
      }
      timeline.forget(customerId);
      summaries.forget(customerId);
    }
    store.saveIfAbsent(new ErasureRecord(privacyRequest, orders, erasedReturns,
        clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    return store.find(privacyRequest).orElseThrow(() -> new IllegalStateException("a saved erasure vanished"));
  }

  /** A stable pseudonym: the same customer always gets the same one, which does not reveal the id. */
  static String pseudonym(String customerId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(customerId.getBytes(StandardCharsets.UTF_8));
      return "erased-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static <T> void all(java.util.function.IntFunction<CustomerRecords.Page<T>> page, List<T> into) {
    int position = -1;
    do {
      CustomerRecords.Page<T> next = page.apply(position);
      into.addAll(next.items());
      position = next.nextPosition();
    } while (position >= 0);
  }

  private static void check(Set<String> customerIds, String privacyRequest) {
    List<FieldViolation> violations = new ArrayList<>();
    if (customerIds.isEmpty() || customerIds.size() > MAX_CUSTOMER_IDS) {
      violations.add(new FieldViolation("customer_ids", "must hold 1 to " + MAX_CUSTOMER_IDS + " ids"));
    } else if (customerIds.stream().anyMatch(id -> !CUSTOMER_ID.matcher(id).matches())) {
      violations.add(new FieldViolation("customer_ids", "must hold customer ids only"));
    }
    if (!PRIVACY_REQUEST.matcher(privacyRequest).matches()) {
      violations.add(new FieldViolation("privacy_request", "must be a name like privacyRequests/{request}"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations);
    }
  }
}
