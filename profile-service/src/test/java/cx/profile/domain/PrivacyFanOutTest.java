package cx.profile.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cx.runtime.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The privacy fan-out: order, retries with backoff, failures, restarts and races, on in-memory stores. */
class PrivacyFanOutTest {

  private static final List<String> IDS = List.of("survivor", "merged1", "merged2");
  private static final Duration RETENTION = Duration.ofDays(7);

  private final TestClock clock = TestClock.fixedAt(Instant.parse("2026-03-01T09:00:00Z"));
  private final InMemoryPrivacyRequestStore requests = new InMemoryPrivacyRequestStore();
  private final InMemoryExportDocumentStore documents = new InMemoryExportDocumentStore();
  private final Set<String> erasedCustomers = new HashSet<>();
  private ScriptedDataHolder profile;
  private ScriptedDataHolder feedback;
  private ScriptedDataHolder returns;
  private PrivacyFanOut fanOut;

  @BeforeEach
  void freshServices() {
    profile = new ScriptedDataHolder(PlatformService.PROFILE, clock);
    feedback = new ScriptedDataHolder(PlatformService.FEEDBACK, clock);
    returns = new ScriptedDataHolder(PlatformService.RETURNS, clock);
    fanOut = worker(profile, feedback, returns, 1_000);
  }

  private PrivacyFanOut worker(ScriptedDataHolder p, ScriptedDataHolder f, ScriptedDataHolder r, long exportMaxBytes) {
    return new PrivacyFanOut(requests, documents, List.of(p, f, r), erasedCustomers::contains,
        new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), exportMaxBytes, RETENTION, clock);
  }

  private PrivacyRequest started(String id, PrivacyRequestType type) {
    PrivacyRequest request = PrivacyRequest.start(id, type, "survivor", IDS, new Actor(ActorRole.ADMIN, "dpo"),
        "case 42", clock.instant());
    requests.insertIfAbsent(request);
    requests.claim(request.openKey(), id);
    requests.listUnder("survivor", id);
    requests.schedule(id, clock.instant());
    return request;
  }

  private PrivacyRequest advance(String id) {
    return fanOut.advance(id).orElseThrow();
  }

  @Nested
  class AnErasure {

    @Test
    void asksThisServiceFirstAndTheOthersOnlyOnceItsPartIsDoneAllWithTheSameIds() {
      started("e1", PrivacyRequestType.ERASURE);
      profile.down(1);

      PrivacyRequest waiting = advance("e1");

      assertThat(feedback.calls()).isZero();
      assertThat(returns.calls()).isZero();
      assertThat(waiting.receipt(PlatformService.PROFILE).state()).isEqualTo(ReceiptState.RETRYING);
      assertThat(waiting.receipt(PlatformService.FEEDBACK).state()).isEqualTo(ReceiptState.PENDING);
      assertThat(requests.queue.get("e1")).isEqualTo(clock.instant().plusSeconds(1));

      clock.advance(Duration.ofSeconds(1));
      PrivacyRequest done = advance("e1");

      assertThat(done.state()).isEqualTo(PrivacyRequestState.SUCCEEDED);
      assertThat(List.of(profile.erasures.get(1), feedback.erasures.get(0), returns.erasures.get(0)))
          .containsOnly(IDS);
      assertThat(done.receipts()).allSatisfy(r -> {
        assertThat(r.state()).isEqualTo(ReceiptState.DONE);
        assertThat(r.lastError()).isEmpty();
        assertThat(r.completeTime()).isEqualTo(clock.instant());
        assertThat(r.dispositions()).singleElement().satisfies(d -> assertThat(d.count()).isEqualTo(2));
      });
      assertThat(done.receipt(PlatformService.PROFILE).attemptCount()).isEqualTo(2);
      assertThat(done.completeTime()).isEqualTo(clock.instant());
      assertThat(requests.queue).doesNotContainKey("e1");
      assertThat(requests.claims).as("a later start returns the succeeded erasure").containsEntry("ERASURE:survivor", "e1");
    }

    @Test
    void callsAServiceThatIsDownAgainWithDoublingDelaysUntilItAnswers() {
      started("e2", PrivacyRequestType.ERASURE);
      returns.down(3);
      Instant start = clock.instant();

      PrivacyRequest first = advance("e2");
      assertThat(first.receipt(PlatformService.RETURNS).nextAttemptTime()).isEqualTo(start.plusSeconds(1));
      assertThat(first.receipt(PlatformService.FEEDBACK).state()).isEqualTo(ReceiptState.DONE);

      advance("e2");
      assertThat(returns.calls()).as("not due yet: no call").isEqualTo(1);

      clock.advance(Duration.ofSeconds(1));
      PrivacyRequest second = advance("e2");
      assertThat(second.receipt(PlatformService.RETURNS).nextAttemptTime()).isEqualTo(clock.instant().plusSeconds(2));

      clock.advance(Duration.ofSeconds(2));
      PrivacyRequest third = advance("e2");
      ServiceReceipt retrying = third.receipt(PlatformService.RETURNS);
      assertThat(retrying.state()).isEqualTo(ReceiptState.RETRYING);
      assertThat(retrying.attemptCount()).isEqualTo(3);
      assertThat(retrying.lastError()).isEqualTo("UNAVAILABLE");
      assertThat(retrying.lastAttemptTime()).isEqualTo(clock.instant());
      assertThat(retrying.nextAttemptTime()).isEqualTo(clock.instant().plusSeconds(4));
      assertThat(third.state()).isEqualTo(PrivacyRequestState.IN_PROGRESS);
      assertThat(requests.due(clock.instant(), 10)).isEmpty();

      clock.advance(Duration.ofSeconds(4));
      assertThat(fanOut.due(10)).containsExactly("e2");
      PrivacyRequest done = advance("e2");

      assertThat(done.state()).isEqualTo(PrivacyRequestState.SUCCEEDED);
      assertThat(done.receipt(PlatformService.RETURNS).attemptCount()).isEqualTo(4);
      assertThat(done.receipt(PlatformService.RETURNS).lastError()).isEmpty();
      assertThat(profile.calls()).isEqualTo(1);
      assertThat(feedback.calls()).isEqualTo(1);
    }

    @Test
    void theDelayStopsGrowingAtTheCeiling() {
      RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

      assertThat(List.of(backoff.after(1), backoff.after(2), backoff.after(5), backoff.after(6), backoff.after(500)))
          .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(16), Duration.ofSeconds(30),
              Duration.ofSeconds(30));
    }

    @Test
    void thatAServiceRefusesFailsTheRequestAndTheOthersAreNeverAsked() {
      started("e3", PrivacyRequestType.ERASURE);
      profile.refuses("INVALID_ARGUMENT");

      PrivacyRequest failed = advance("e3");

      assertThat(failed.state()).isEqualTo(PrivacyRequestState.FAILED);
      assertThat(failed.receipt(PlatformService.PROFILE).state()).isEqualTo(ReceiptState.FAILED);
      assertThat(failed.receipt(PlatformService.PROFILE).lastError()).isEqualTo("INVALID_ARGUMENT");
      assertThat(failed.receipt(PlatformService.FEEDBACK).state()).isEqualTo(ReceiptState.SKIPPED);
      assertThat(failed.receipt(PlatformService.RETURNS).state()).isEqualTo(ReceiptState.SKIPPED);
      assertThat(feedback.calls() + returns.calls()).isZero();
      assertThat(requests.claims).as("a new erasure may start").doesNotContainKey("ERASURE:survivor");
      assertThat(requests.queue).isEmpty();
    }

    @Test
    void aNewWorkerCarriesOnWhereAStoppedOneLeftOff() {
      started("e4", PrivacyRequestType.ERASURE);
      returns.down(1);
      advance("e4");
      requests.queue.clear();

      ScriptedDataHolder profileAfterRestart = new ScriptedDataHolder(PlatformService.PROFILE, clock);
      ScriptedDataHolder feedbackAfterRestart = new ScriptedDataHolder(PlatformService.FEEDBACK, clock);
      ScriptedDataHolder returnsAfterRestart = new ScriptedDataHolder(PlatformService.RETURNS, clock);
      PrivacyFanOut restarted = worker(profileAfterRestart, feedbackAfterRestart, returnsAfterRestart, 1_000);

      assertThat(restarted.resumeUnfinished()).isEqualTo(1);
      assertThat(restarted.due(10)).containsExactly("e4");
      clock.advance(Duration.ofSeconds(1));
      PrivacyRequest done = restarted.advance("e4").orElseThrow();

      assertThat(done.state()).isEqualTo(PrivacyRequestState.SUCCEEDED);
      assertThat(profileAfterRestart.calls() + feedbackAfterRestart.calls()).as("done parts are not redone").isZero();
      assertThat(returnsAfterRestart.erasures).containsExactly(IDS);
      assertThat(done.receipt(PlatformService.RETURNS).attemptCount()).isEqualTo(2);
    }

    @Test
    void twoWorkersOnOneRequestKeepOneOutcomePerPart() {
      started("e5", PrivacyRequestType.ERASURE);
      ScriptedDataHolder otherProfile = new ScriptedDataHolder(PlatformService.PROFILE, clock);
      ScriptedDataHolder otherFeedback = new ScriptedDataHolder(PlatformService.FEEDBACK, clock);
      ScriptedDataHolder otherReturns = new ScriptedDataHolder(PlatformService.RETURNS, clock);
      PrivacyFanOut other = worker(otherProfile, otherFeedback, otherReturns, 1_000);
      // While this worker waits for feedback-service, the other one runs the whole request.
      feedback.duringNextCall(() -> other.advance("e5"));

      PrivacyRequest done = advance("e5");

      assertThat(done.state()).isEqualTo(PrivacyRequestState.SUCCEEDED);
      assertThat(done.receipts()).extracting(ServiceReceipt::attemptCount).containsExactly(1, 1, 1);
      assertThat(returns.calls()).as("the part the other worker finished is not called again").isZero();
      assertThat(requests.find("e5").orElseThrow()).isEqualTo(done);
    }
  }

  @Nested
  class AnExport {

    @Test
    void asksEveryServiceAtOnceStoresEveryPageAndAddsUpWhatEachReported() {
      started("x1", PrivacyRequestType.EXPORT);
      feedback.exportPages("page one", "page two", "page three");
      returns.down(1);

      PrivacyRequest partly = advance("x1");

      assertThat(partly.receipt(PlatformService.FEEDBACK).state()).isEqualTo(ReceiptState.DONE);
      assertThat(partly.receipt(PlatformService.FEEDBACK).exportPages()).isEqualTo(3);
      assertThat(partly.receipt(PlatformService.FEEDBACK).dispositions()).singleElement()
          .satisfies(d -> assertThat(d.count()).isEqualTo(1 + 2 + 3));
      assertThat(feedback.exportTokens).containsExactly("", "1", "2");
      assertThat(text(documents.pages("x1", PlatformService.FEEDBACK, 3)))
          .containsExactly("page one", "page two", "page three");

      clock.advance(Duration.ofSeconds(1));
      PrivacyRequest done = advance("x1");

      assertThat(done.state()).isEqualTo(PrivacyRequestState.SUCCEEDED);
      assertThat(done.exportExpireTime()).isEqualTo(clock.instant().plus(RETENTION));
      assertThat(done.exportAvailable(clock.instant())).isTrue();
      assertThat(requests.claims).as("another export may start").isEmpty();
      assertThat(requests.queue).containsEntry("x1", done.exportExpireTime());
    }

    @Test
    void anExportBeyondTheSizeLimitFailsAndKeepsNothing() {
      fanOut = worker(profile, feedback, returns, 20);
      started("x2", PrivacyRequestType.EXPORT);
      feedback.exportPages("0123456789", "0123456789", "0123456789");

      PrivacyRequest failed = advance("x2");

      assertThat(failed.state()).isEqualTo(PrivacyRequestState.FAILED);
      assertThat(failed.receipt(PlatformService.FEEDBACK).lastError()).isEqualTo(PrivacyFanOut.EXPORT_TOO_LARGE);
      assertThat(documents.pagesOf("x2")).isZero();
      assertThat(requests.queue).isEmpty();
    }

    @Test
    void itsDocumentIsDeletedWhenItExpires() {
      started("x3", PrivacyRequestType.EXPORT);
      advance("x3");
      assertThat(documents.pagesOf("x3")).isEqualTo(3);

      clock.advance(RETENTION);
      assertThat(fanOut.due(10)).containsExactly("x3");
      PrivacyRequest expired = advance("x3");

      assertThat(expired.exportAvailable(clock.instant())).isFalse();
      assertThat(documents.pagesOf("x3")).isZero();
      assertThat(requests.queue).isEmpty();
    }

    @Test
    void anExportThatFinishesAfterItsCustomerWasErasedKeepsNoDocument() {
      started("x4", PrivacyRequestType.EXPORT);
      erasedCustomers.add("survivor");

      PrivacyRequest done = advance("x4");

      assertThat(done.state()).isEqualTo(PrivacyRequestState.SUCCEEDED);
      assertThat(done.exportExpireTime()).isEqualTo(clock.instant());
      assertThat(documents.pagesOf("x4")).isZero();
      assertThat(requests.queue).isEmpty();
    }

    @Test
    void anErasureDeletesEarlierExportsOfTheCustomer() {
      started("x5", PrivacyRequestType.EXPORT);
      advance("x5");

      List<PersonalDataPart.Disposition> receipt = new StoredExports(requests, documents).erase(Set.copyOf(IDS),
          clock.instant());

      assertThat(receipt).singleElement().satisfies(d -> {
        assertThat(d.recordType()).isEqualTo("export_document");
        assertThat(d.count()).isEqualTo(1);
      });
      assertThat(documents.pagesOf("x5")).isZero();
      assertThat(requests.find("x5").orElseThrow().exportAvailable(clock.instant())).isFalse();
    }
  }

  private static List<String> text(List<byte[]> pages) {
    return pages.stream().map(p -> new String(p, StandardCharsets.UTF_8)).toList();
  }
}
