package cx.returns.domain;

import static cx.returns.domain.TestData.ORDER_TIME;
import static cx.returns.domain.TestData.anOrder;
import static cx.returns.domain.TestData.newLine;
import static cx.returns.domain.TestData.newReturn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cx.runtime.failure.ConcurrentUpdateException;
import cx.runtime.failure.FailedPreconditionException;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.failure.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReturnDeskTest {

  private final Actor agent = new Actor("agent-7", ActorType.AGENT);
  private final Actor customer = new Actor("cust-1", ActorType.CUSTOMER);
  private final InMemoryStores.Orders orders = new InMemoryStores.Orders();
  private final AtomicBoolean failNextInsert = new AtomicBoolean();
  private final InMemoryStores.Returns returns = new InMemoryStores.Returns() {
    @Override
    public void insertIfAbsent(ProductReturn productReturn) {
      if (failNextInsert.getAndSet(false)) {
        throw new IllegalStateException("the store went away");
      }
      super.insertIfAbsent(productReturn);
    }
  };
  private Instant now = ORDER_TIME.plus(Duration.ofDays(1));
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private ReturnDesk desk;

  @BeforeEach
  void setUp() {
    orders.insertIfAbsent(anOrder().withLine("1", "CUP", "kitchen", 2, 500).withLine("2", "TV", "electronics", 1, 50_000)
        .build());
    desk = new ReturnDesk(orders, returns, new ReturnableUnits(orders, returns), TestData::policy,
        InMemoryStores.analytics(returns),
        new ReturnTimeline(new InMemoryStores.EventLog()), clock);
  }

  private int claimed(String lineId) {
    return orders.find("order-1").orElseThrow().claims().claimedQuantity(lineId);
  }

  @Nested
  class Creating {

    @Test
    void aCheapReturnStartsApprovedWithTwoHistoryEntries() {
      ProductReturn created = desk.create("r1", newReturn("order-1", newLine("", "CUP", 1)), customer);

      assertThat(created.state()).isEqualTo(ReturnState.APPROVED);
      assertThat(created.version()).isEqualTo(1);
      assertThat(created.statusHistory()).extracting(StatusChange::state)
          .containsExactly(ReturnState.REQUESTED, ReturnState.APPROVED);
      assertThat(created.statusHistory().get(1).actor()).isEqualTo(Actor.SYSTEM);
      assertThat(created.labelExpireTime()).isEqualTo(now.plus(Duration.ofDays(14)));
      assertThat(created.lines().get(0).orderLineId()).isEqualTo("1");
      assertThat(claimed("1")).isEqualTo(1);
    }

    @Test
    void anExpensiveReturnWaitsForAnAgent() {
      ProductReturn created = desk.create("r1", newReturn("order-1", newLine("2", "TV", 1)), customer);

      assertThat(created.state()).isEqualTo(ReturnState.REQUESTED);
      assertThat(created.decision().outcome()).isEqualTo(DecisionOutcome.MANUAL_REVIEW);
      assertThat(created.labelExpireTime()).isNull();
    }

    @Test
    void anotherCustomersOrderIsNotFound() {
      NewReturn request = new NewReturn("someone-else", "order-1", java.util.List.of(newLine("", "CUP", 1)),
          Resolution.REFUND, null, java.util.List.of());

      assertThatThrownBy(() -> desk.create("r1", request, customer)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theSameOrderLineTwiceIsRejected() {
      assertThatThrownBy(() -> desk.create("r1", newReturn("order-1", newLine("1", "CUP", 1), newLine("", "CUP", 1)),
          customer)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aRetryAfterACrashBetweenClaimAndStoreFinishesTheReturnWithoutClaimingTwice() {
      failNextInsert.set(true);
      assertThatThrownBy(() -> desk.create("r1", newReturn("order-1", newLine("", "CUP", 2)), customer))
          .isInstanceOf(IllegalStateException.class);
      assertThat(claimed("1")).isEqualTo(2);

      ProductReturn retried = desk.create("r1", newReturn("order-1", newLine("", "CUP", 2)), customer);

      assertThat(retried.id()).isEqualTo("r1");
      assertThat(claimed("1")).isEqualTo(2);
    }

    @Test
    void unitsOfACreateThatNeverFinishedAreGivenBackOnceTheClaimIsAbandoned() {
      failNextInsert.set(true);
      assertThatThrownBy(() -> desk.create("lost", newReturn("order-1", newLine("", "CUP", 2)), customer))
          .isInstanceOf(IllegalStateException.class);

      assertThatThrownBy(() -> desk.create("r2", newReturn("order-1", newLine("", "CUP", 1)), customer))
          .isInstanceOfSatisfying(FailedPreconditionException.class,
              e -> assertThat(e.reason()).isEqualTo("QUANTITY_EXCEEDS_RETURNABLE"));

      now = now.plus(ReturnableUnits.ABANDONED_CLAIM_AGE).plusSeconds(1);
      assertThat(desk.create("r2", newReturn("order-1", newLine("", "CUP", 1)), customer).state())
          .isEqualTo(ReturnState.APPROVED);
      assertThat(claimed("1")).isEqualTo(1);
    }

    @Test
    void aLateRetryOfACancelledReturnReturnsItAndTakesNoUnits() {
      ProductReturn created = desk.create("r1", newReturn("order-1", newLine("", "CUP", 2)), customer);
      desk.cancel("cust-1", "r1", 0, "", customer);

      ProductReturn retried = desk.create("r1", newReturn("order-1", newLine("", "CUP", 2)), customer);

      assertThat(retried.state()).isEqualTo(ReturnState.CANCELLED);
      assertThat(retried.id()).isEqualTo(created.id());
      assertThat(claimed("1")).isZero();
    }

    @Test
    void aPreviewStoresAndClaimsNothing() {
      ProductReturn preview = desk.preview(newReturn("order-1", newLine("", "CUP", 2)), customer);

      assertThat(preview.name()).isEmpty();
      assertThat(returns.returns).isEmpty();
      assertThat(claimed("1")).isZero();
    }
  }

  @Nested
  class Transitions {

    @Test
    void approvingARequestedReturnStampsTheLabelExpiryAndTheActor() {
      desk.create("r1", newReturn("order-1", newLine("2", "TV", 1)), customer);
      now = now.plusSeconds(3600);

      ProductReturn approved = desk.approve("cust-1", "r1", 1, "", Shipment.NONE, agent);

      assertThat(approved.state()).isEqualTo(ReturnState.APPROVED);
      assertThat(approved.version()).isEqualTo(2);
      assertThat(approved.labelExpireTime()).isEqualTo(now.plus(Duration.ofDays(14)));
      assertThat(approved.statusHistory().get(1)).isEqualTo(
          new StatusChange(ReturnState.APPROVED, agent, now, StatusMessages.standard(ReturnState.APPROVED)));
    }

    @Test
    void aStaleExpectedVersionIsAConflictEvenIfTheStateWouldAllowIt() {
      desk.create("r1", newReturn("order-1", newLine("2", "TV", 1)), customer);

      assertThatThrownBy(() -> desk.approve("cust-1", "r1", 7, "", Shipment.NONE, agent))
          .isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void anIllegalTransitionNamesTheCurrentState() {
      desk.create("r1", newReturn("order-1", newLine("", "CUP", 1)), customer);

      assertThatThrownBy(() -> desk.reject("cust-1", "r1", 0, "Sorry", agent))
          .isInstanceOfSatisfying(FailedPreconditionException.class,
              e -> assertThat(e.metadata()).containsEntry("state", "APPROVED"));
    }

    @Test
    void aRejectionNeedsAMessageForTheCustomer() {
      desk.create("r1", newReturn("order-1", newLine("2", "TV", 1)), customer);

      assertThatThrownBy(() -> desk.reject("cust-1", "r1", 0, " ", agent))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(e.violations().get(0).field()).isEqualTo("customer_message"));
    }

    @Test
    void rejectingOrCancellingGivesTheUnitsBack() {
      desk.create("r1", newReturn("order-1", newLine("2", "TV", 1)), customer);
      desk.create("r2", newReturn("order-1", newLine("", "CUP", 2)), customer);

      desk.reject("cust-1", "r1", 0, "The item was bought over a year ago.", agent);
      desk.cancel("cust-1", "r2", 0, "", customer);

      assertThat(claimed("1")).isZero();
      assertThat(claimed("2")).isZero();
      assertThat(desk.create("r3", newReturn("order-1", newLine("", "CUP", 2)), customer).state())
          .isEqualTo(ReturnState.APPROVED);
    }

    @Test
    void aTransitionThatLosesARaceIsCheckedAgainAgainstTheWinnersState() {
      desk.create("r1", newReturn("order-1", newLine("2", "TV", 1)), customer);
      ReturnStore shared = returns;
      ReturnStore racing = new ReturnStore() {
        private boolean raced;

        @Override
        public java.util.Optional<ProductReturn> find(String returnId) {
          return shared.find(returnId);
        }

        @Override
        public java.util.List<ProductReturn> findAll(java.util.Collection<String> returnIds) {
          return shared.findAll(returnIds);
        }

        @Override
        public void insertIfAbsent(ProductReturn productReturn) {
          shared.insertIfAbsent(productReturn);
        }

        @Override
        public java.util.List<ProductReturn> findApprovedWithLabelExpiredBefore(Instant at, int limit) {
          return shared.findApprovedWithLabelExpiredBefore(at, limit);
        }

        @Override
        public boolean replace(ProductReturn next, long expectedVersion) {
          if (!raced) {
            raced = true;
            ProductReturn current = shared.find(next.id()).orElseThrow();
            shared.replace(current.moveTo(ReturnState.CANCELLED, customer, now, ""), current.version());
          }
          return shared.replace(next, expectedVersion);
        }
      };
      ReturnDesk racingDesk = new ReturnDesk(orders, racing, new ReturnableUnits(orders, returns), TestData::policy,
          InMemoryStores.analytics(returns),
        new ReturnTimeline(new InMemoryStores.EventLog()), clock);

      assertThatThrownBy(() -> racingDesk.approve("cust-1", "r1", 0, "", Shipment.NONE, agent))
          .isInstanceOfSatisfying(FailedPreconditionException.class,
              e -> assertThat(e.metadata()).containsEntry("state", "CANCELLED"));
      // The refusal also finished the cancelled return's release of its units.
      assertThat(claimed("2")).isZero();
    }
  }
}
